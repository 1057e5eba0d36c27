package io.drwatch.it;

import io.drwatch.bootstrap.Daemon;
import io.drwatch.config.ConfigException;
import io.drwatch.config.ConfigLoader;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.TestVertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;

/** A real daemon on a free port, configured from YAML text, read through its HTTP surface. */
final class DaemonHarness implements AutoCloseable {
  private final Daemon daemon;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private DaemonHarness(Daemon daemon) {
    this.daemon = daemon;
  }

  /**
   * Starts a daemon on {@code yaml}. A config without a {@code state} section gets a fresh temp dir:
   * the default {@code ./drwatch-state} would put every test daemon's audit samples in one store
   * in the working tree.
   */
  static DaemonHarness start(String yaml) throws Exception {
    String withState = yaml.lines().anyMatch(l -> l.startsWith("state:")) ? yaml
        : yaml + "\nstate: { dir: \"" + java.nio.file.Files.createTempDirectory("drwatch-it-state-") + "\" }\n";
    try {
      return new DaemonHarness(Daemon.start(ConfigLoader.parse(withState, System::getenv), TestVertx.options()));
    } catch (ConfigException e) {
      throw new AssertionError("test config invalid: " + e.getMessage(), e);
    }
  }

  /** One channel watched every {@code interval}, objective 1 s. */
  static String channelYaml(String kind, String name, String primaryUrl, String replicaUrl, String interval) {
    return """
        http: { host: 127.0.0.1, port: 0 }
        channels:
          - name: %s
            kind: %s
            primary: { url: "%s" }
            replica: { url: "%s" }
            heartbeat: { interval: %s, timeout: 500ms }
            objective: { rpo: 1s }
        """.formatted(name, kind, primaryUrl, replicaUrl, interval);
  }

  /** {@code http://127.0.0.1:<port>}, for requests the helpers here do not cover. */
  String baseUrl() {
    return "http://127.0.0.1:" + daemon.httpPort();
  }

  io.drwatch.app.decide.DetectionBoard detection() {
    return daemon.detection();
  }

  /** Runs as the pipeline's board holds them, oldest first; empty without a runbook. */
  java.util.List<io.drwatch.domain.runbook.FailoverRun> runs() {
    return daemon.runs().map(io.drwatch.app.failover.RunsBoard::runs).orElse(java.util.List.of());
  }

  /** POSTs with an optional Bearer token; returns the status code. */
  int post(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.httpPort() + path))
        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      req.header("Authorization", "Bearer " + token);
    }
    return http.send(req.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  ChannelStatus status(String channel) {
    return daemon.board().channel(channel);
  }

  /** The failure code of the channel's last probe error, until a round fully succeeds. */
  java.util.Optional<io.drwatch.domain.FailureCode> lastErrorCode(String channel) {
    return daemon.board().lastErrorCode(channel);
  }

  /**
   * Waits until the channel has completed {@code n} more probe rounds: "let the daemon look a few
   * more times" as a condition, not a guessed sleep.
   */
  void awaitRounds(String channel, int n) {
    long target = status(channel).rounds() + n;
    Await.until(Duration.ofSeconds(30), () -> status(channel).rounds() >= target);
  }

  /** One RPO sample per completed probe round of {@code channel}, for {@code span}. */
  DoubleSummaryStatistics sampleRpo(String channel, Duration span) {
    List<Double> values = new ArrayList<>();
    Instant end = Instant.now().plus(span);
    long lastRound = -1;
    while (Instant.now().isBefore(end)) {
      ChannelStatus s = status(channel);
      if (s.rounds() != lastRound && s.rpo().isPresent()) {
        values.add(s.rpo().get().toNanos() / 1e9);
        lastRound = s.rounds();
      }
      Await.pause(Duration.ofMillis(50));
    }
    System.out.printf("[%s] rpo samples: %s%n", channel, values);
    return values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
  }

  String get(String path) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.httpPort() + path))
        .timeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IOException(path + " answered " + res.statusCode() + ": " + res.body());
    }
    return res.body();
  }

  /** The value of the sample of {@code name} whose labels include every {@code key=value} given. */
  double metric(String name, String... labels) throws IOException, InterruptedException {
    for (String line : get("/metrics").split("\n")) {
      // Every series carries the observer common tag, so "no labels asked" matches any label set.
      boolean plain = labels.length == 0 && (line.startsWith(name + " ") || line.startsWith(name + "{"));
      if (!plain && (!line.startsWith(name + "{") || !hasLabels(line, labels))) {
        continue;
      }
      return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    throw new AssertionError("no sample of " + name + " with " + String.join(",", labels));
  }

  private static boolean hasLabels(String line, String... labels) {
    String set = line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1);
    for (String kv : labels) {
      int eq = kv.indexOf('=');
      if (!set.contains(kv.substring(0, eq) + "=\"" + kv.substring(eq + 1) + "\"")) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws Exception {
    daemon.close();
  }
}
