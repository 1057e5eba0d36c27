package io.drwatch.bench.detection;

import io.drwatch.lab.FreePorts;
import io.drwatch.lab.PostgresPair;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * N drwatch daemons, each its own JVM from the packaged jar and each the others' peer, watching
 * one PostgreSQL primary (a target and a channel). Read through {@code GET /api/v1/status}.
 */
public final class DrwatchRig implements AutoCloseable {
  /** How the daemons are configured: the {@code fast} preset, or the same keys spelled out. */
  public record Setup(int observers, boolean preset) {
    String describe() {
      return observers + (observers == 1 ? " observer" : " observers") + ", "
          + (preset ? "`profile: fast`" : "fast's keys, no profile") + ", tick 1 s, channel 500 ms";
    }
  }

  private final List<Process> daemons = new ArrayList<>();
  private Setup setup;
  private final List<Integer> ports = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  /** Launches the daemons; they are ready once {@link #allClear} holds. */
  static DrwatchRig start(Path jar, Path dir, PostgresPair pg, Setup setup) throws IOException {
    DrwatchRig rig = new DrwatchRig();
    // Daemons and servers outlive the JVM: its shutdown hook stops them on Ctrl-C or SIGTERM.
    io.drwatch.lab.LabProcesses.register(rig);
    try {
      for (int i = 0; i < setup.observers(); i++) {
        rig.ports.add(FreePorts.pick());
      }
      String java = ProcessHandle.current().info().command().orElse("java");
      for (int i = 0; i < setup.observers(); i++) {
        Path config = dir.resolve("obs-" + i + ".yaml");
        Files.writeString(config, rig.config(i, pg, setup, dir.resolve("state-" + i)));
        rig.daemons.add(new ProcessBuilder(java, "-Xmx192m", "-XX:+UseSerialGC", "-jar",
            jar.toString(), "run", "--config", config.toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("obs-" + i + ".log").toFile())
            .start());
      }
      rig.setup = setup;
      return rig;
    } catch (IOException | RuntimeException e) {
      rig.close();
      throw e;
    }
  }

  private String config(int i, PostgresPair pg, Setup setup, Path state) {
    List<String> peers = new ArrayList<>();
    for (int j = 0; j < ports.size(); j++) {
      if (j != i) {
        peers.add("\"http://127.0.0.1:" + ports.get(j) + "\"");
      }
    }
    String target = setup.preset() ? "" : """
              interval: 250ms
              timeout: 250ms
              failuresToSuspect: 2
              successesToClear: 2
        """;
    String quorum = setup.preset() ? "  profile: fast\n"
        : "  quorum: { require: [probes, replication], minSignals: 2, holdFor: 500ms }\n";
    String peerKeys = peers.isEmpty() ? ""
        : "  peers: [" + String.join(", ", peers) + "]\n  peerToken: bench-peer-token\n";
    return """
        observer: { name: obs-%d }
        http: { host: 127.0.0.1, port: %d }
        state: { dir: "%s" }
        channels:
          - name: orders-db
            kind: postgres
            primary: { url: "%s" }
            replica: { url: "%s" }
            heartbeat: { interval: 500ms, timeout: 400ms }
        detection:
        %s  targets:
            - name: db-primary
              probe: postgres
              address: "%s"
              channels: [orders-db]
        %s%s""".formatted(i, ports.get(i), state, pg.primaryUrl(), pg.standbyUrl(), quorum,
        pg.primaryUrl(), target, peerKeys);
  }

  /** Each daemon's status, or null for one that did not answer in time. */
  List<JsonObject> statuses() {
    List<JsonObject> all = new ArrayList<>();
    for (int port : ports) {
      try {
        HttpRequest req = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/status"))
            .timeout(Duration.ofMillis(500)).GET().build();
        all.add(new JsonObject(http.send(req, HttpResponse.BodyHandlers.ofString()).body()));
      } catch (IOException | RuntimeException e) {
        all.add(null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        all.add(null);
      }
    }
    return all;
  }

  static boolean declared(JsonObject status) {
    return status != null && status.getJsonObject("detection", new JsonObject())
        .getBoolean("outageDeclared", false);
  }

  /**
   * No daemon declares or is in TILT (a busy machine stalls a loop; a tilted observer declares
   * nothing for 30 s, which would hide a kill and flatter a freeze), and every one sees the
   * channel HEALTHY.
   */
  boolean allClear() {
    return statuses().stream().allMatch(s -> s != null && !declared(s) && !tilted(s)
        && "HEALTHY".equals(s.getJsonArray("channels").getJsonObject(0).getString("condition")));
  }

  private static boolean tilted(JsonObject status) {
    JsonObject tilt = status.getJsonObject("detection", new JsonObject()).getJsonObject("tilt");
    return tilt != null && tilt.getBoolean("tilted", false);
  }

  int size() {
    return ports.size();
  }

  @Override
  public void close() {
    io.drwatch.lab.LabProcesses.unregister(this);
    for (Process p : daemons) {
      p.destroy();
    }
    for (Process p : daemons) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return setup == null ? "drwatch" : setup.describe();
  }
}
