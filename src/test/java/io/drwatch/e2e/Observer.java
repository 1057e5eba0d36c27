package io.drwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * One observer: the packaged jar ({@code java -jar target/drwatch.jar run --config F}) as its own
 * Unix user, with its own state dir owned by that user. Read through its HTTP surface and its
 * journal file. Restartable on the same config and state.
 */
final class Observer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Path JAR = Path.of("target/drwatch.jar").toAbsolutePath();

  final String name;
  final E2eUser user;
  final int httpPort;
  final Path dir;
  final Path stateDir;
  final Path config;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;
  private int starts;

  Observer(String name, E2eUser user, int httpPort, Path baseDir) throws IOException {
    this.name = name;
    this.user = user;
    this.httpPort = httpPort;
    this.dir = Files.createDirectories(baseDir.resolve(name));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    this.stateDir = Files.createDirectories(dir.resolve("state"));
    Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx------"));
    user.own(stateDir);
    this.config = dir.resolve("drwatch.yaml");
  }

  void writeConfig(String yaml) throws IOException {
    Files.writeString(config, yaml);
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
  }

  synchronized void start() throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IOException(JAR + " is missing: run mvn -DskipTests package first");
    }
    starts++;
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = user.wrap(List.of(java, "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Xshare:auto", "-Dio.netty.jfr.enabled=false", "-jar", JAR.toString(), "run", "--config", config.toString()));
    Path log = dir.resolve("daemon-" + starts + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().put("HOME", dir.toString());
    process = pb.start();
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  synchronized long pid() {
    return process.pid();
  }

  /** SIGKILL, as a crashed host: no shutdown hook, no journal close. */
  synchronized void kill9() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** SIGTERM, the orderly stop; SIGKILL after 20 s. */
  synchronized void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  boolean ready() {
    try {
      return get("/healthz").startsWith("ok");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** Every channel in /api/v1/status has an RPO (two probe rounds done). */
  boolean rpoKnown() {
    try {
      com.fasterxml.jackson.databind.JsonNode channels =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(get("/api/v1/status")).path("channels");
      if (channels.isEmpty()) {
        return false;
      }
      for (com.fasterxml.jackson.databind.JsonNode ch : channels) {
        if (ch.path("rpoSeconds").isNull() || ch.path("rpoSeconds").isMissingNode()) {
          return false;
        }
      }
      return true;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  String get(String path) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(3)).build();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IOException(name + " " + path + " answered " + res.statusCode() + ": " + res.body());
    }
    return res.body();
  }

  HttpResponse<String> post(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody())
        .header("X-Drwatch-Operator", "e2e-test");
    if (token != null) {
      req.header("Authorization", "Bearer " + token);
    }
    return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode status() throws IOException, InterruptedException {
    return JSON.readTree(get("/api/v1/status"));
  }

  /** The first sample of {@code name} (any labels), or empty when the daemon does not export it. */
  OptionalDouble metric(String metric) throws IOException, InterruptedException {
    for (String line : get("/metrics").split("\n")) {
      if (line.startsWith(metric + " ") || line.startsWith(metric + "{")) {
        return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    return OptionalDouble.empty();
  }

  /** {@code metric} or an AssertionError naming the observer when it is not exported. */
  double requireMetric(String metric) throws IOException, InterruptedException {
    OptionalDouble v = metric(metric);
    if (v.isEmpty()) {
      throw new AssertionError(name + " does not export " + metric + " (the feature is not in this build)");
    }
    return v.getAsDouble();
  }

  /** Every parsable line of {@code state/journal.jsonl}; empty when there is no journal yet. */
  List<JsonNode> journal() throws IOException {
    Path f = stateDir.resolve("journal.jsonl");
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(f)) {
      return out;
    }
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      try {
        out.add(JSON.readTree(line));
      } catch (IOException e) {
        // a torn last line after kill -9; the daemon reports it itself
      }
    }
    return out;
  }

  List<JsonNode> records(String type) throws IOException {
    return journal().stream().filter(r -> type.equals(r.path("type").asText())).toList();
  }

  /** run-started records of mode execute (drills are not failovers). */
  List<JsonNode> executeRuns() throws IOException {
    return records("run-started").stream().filter(r -> "execute".equals(r.path("mode").asText("execute"))).toList();
  }

  String journalText() {
    try {
      Path f = stateDir.resolve("journal.jsonl");
      return Files.exists(f) ? Files.readString(f) : "(no journal)";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  String logTail(int lines) {
    StringBuilder sb = new StringBuilder();
    for (int i = Math.max(1, starts - 1); i <= starts; i++) {
      Path log = dir.resolve("daemon-" + i + ".log");
      try {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        sb.append("---- ").append(name).append(" (").append(user.name()).append(", :").append(httpPort)
            .append(") ").append(log.getFileName()).append(", last ").append(Math.min(lines, all.size()))
            .append(" of ").append(all.size()).append(" lines ----\n");
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> sb.append("  ").append(l).append('\n'));
      } catch (IOException e) {
        sb.append("---- ").append(name).append(": ").append(log).append(" unreadable: ").append(e).append('\n');
      }
    }
    sb.append("---- ").append(name).append(" journal ----\n").append(journalText()).append('\n');
    return sb.toString();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  @Override
  public String toString() {
    return name + "(" + user.name() + ", :" + httpPort + ")";
  }
}
