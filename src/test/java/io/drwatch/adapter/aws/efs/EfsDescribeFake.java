package io.drwatch.adapter.aws.efs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stateful wire-level fake of the EFS REST-JSON API, for the one operation the efs channel
 * calls: {@code GET /2015-02-01/file-systems/replication-configurations?FileSystemId=...}. moto
 * (5.2.1) does not implement EFS replication: DescribeReplicationConfigurations answers HTTP 500
 * and CreateReplicationConfiguration 404. Response shape as in the EFS API reference
 * (ReplicationConfigurationDescription, Destination; timestamps as epoch seconds); errors carry
 * {@code x-amzn-ErrorType} and a body {@code {"ErrorCode","Message"}}. Any other request is
 * answered 400 and recorded in {@link #unexpected()}, which the tests assert empty.
 */
final class EfsDescribeFake implements AutoCloseable {
  static final String PATH = "/2015-02-01/file-systems/replication-configurations";

  /** One destination's state, as a test sets it. */
  record Destination(String fileSystemId, String region, String status, Instant lastReplicated, String message) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Destination> replications = new ConcurrentHashMap<>();
  private final Map<String, Boolean> fileSystems = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> unexpected = new CopyOnWriteArrayList<>();
  private final AtomicInteger throttles = new AtomicInteger();
  private final AtomicInteger serverErrors = new AtomicInteger();
  private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);

  EfsDescribeFake() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void fileSystem(String id) {
    fileSystems.put(id, true);
  }

  /** CreateReplicationConfiguration's effect: ENABLING, no sync yet. */
  void replicate(String source, String destination, String region) {
    fileSystem(source);
    replications.put(source, new Destination(destination, region, "ENABLING", null, null));
  }

  void synced(String source, Instant at) {
    replications.computeIfPresent(source, (k, d) -> new Destination(d.fileSystemId(), d.region(), "ENABLED", at, null));
  }

  void status(String source, String status, String message) {
    replications.computeIfPresent(source, (k, d) -> new Destination(d.fileSystemId(), d.region(), status,
        d.lastReplicated(), message));
  }

  void deleteReplication(String source) {
    replications.remove(source);
  }

  void throttleNext(int n) {
    throttles.set(n);
  }

  void failNext(int n) {
    serverErrors.set(n);
  }

  void delay(Duration d) {
    delay.set(d);
  }

  List<String> requests() {
    return requests;
  }

  List<String> unexpected() {
    return unexpected;
  }

  private void handle(HttpExchange ex) throws IOException {
    String line = ex.getRequestMethod() + " " + ex.getRequestURI();
    requests.add(line);
    try {
      pause(delay.get());
      String query = ex.getRequestURI().getRawQuery();
      if (!"GET".equals(ex.getRequestMethod()) || !PATH.equals(ex.getRequestURI().getPath())
          || query == null || !query.matches("FileSystemId=fs-[0-9a-f]+")) {
        unexpected.add(line);
        error(ex, 400, "BadRequest", "unexpected request " + line);
      } else if (throttles.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        error(ex, 429, "ThrottlingException", "Rate exceeded");
      } else if (serverErrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        error(ex, 500, "InternalServerError", "We encountered an internal error. Please try again.");
      } else {
        describe(ex, query.substring("FileSystemId=".length()));
      }
    } finally {
      ex.close();
    }
  }

  private void describe(HttpExchange ex, String fs) throws IOException {
    if (!fileSystems.containsKey(fs)) {
      error(ex, 404, "FileSystemNotFound", "File system '" + fs + "' does not exist.");
      return;
    }
    Destination d = replications.get(fs);
    if (d == null) {
      error(ex, 404, "ReplicationNotFound", "No replication configuration found for file system '" + fs + "'.");
      return;
    }
    JsonObject dest = new JsonObject().put("Status", d.status()).put("FileSystemId", d.fileSystemId())
        .put("Region", d.region()).put("OwnerId", "123456789012");
    if (d.lastReplicated() != null) {
      dest.put("LastReplicatedTimestamp", d.lastReplicated().toEpochMilli() / 1000.0);
    }
    if (d.message() != null) {
      dest.put("StatusMessage", d.message());
    }
    JsonObject replication = new JsonObject()
        .put("SourceFileSystemId", fs)
        .put("SourceFileSystemRegion", "us-east-1")
        .put("SourceFileSystemArn", "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/" + fs)
        .put("OriginalSourceFileSystemArn", "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/" + fs)
        .put("CreationTime", 1.7e9)
        .put("SourceFileSystemOwnerId", "123456789012")
        .put("Destinations", new JsonArray().add(dest));
    send(ex, 200, new JsonObject().put("Replications", new JsonArray().add(replication)));
  }

  private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
    ex.getResponseHeaders().add("x-amzn-ErrorType", code);
    send(ex, status, new JsonObject().put("ErrorCode", code).put("Message", message));
  }

  private static void send(HttpExchange ex, int status, JsonObject body) throws IOException {
    byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.getResponseHeaders().add("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  // The fake server's own thread plays a slow service; no test thread waits on it.
  private static void pause(Duration d) {
    if (!d.isZero()) {
      try {
        Thread.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
