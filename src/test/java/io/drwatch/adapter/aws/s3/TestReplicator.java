package io.drwatch.adapter.aws.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Plays S3 Cross-Region Replication in front of a real moto, which stores buckets and the
 * replication configuration but never replicates an object and never sets {@code
 * x-amz-replication-status} (moto 5.2.1). A loopback HTTP proxy the probe talks to forwards every
 * request to moto unchanged; on a successful PUT to the source bucket it marks the key PENDING
 * and, a controlled delay after the canary's writer time, copies the object as it was at PUT time into the destination
 * bucket (through moto) and marks it COMPLETED; HEAD/GET of a source key get the header added.
 * {@link #stop()} stops copying; {@link #fail()} marks new PUTs FAILED; {@link #untracked()}
 * answers without the header, as S3 does for a key no rule covers.
 */
final class TestReplicator implements AutoCloseable {
  enum Mode { RUNNING, STOPPED, FAILING, UNTRACKED }

  private static final Set<String> HOP = Set.of("host", "content-length", "expect", "connection", "upgrade",
      "transfer-encoding", "keep-alive");

  private final HttpServer server;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ScheduledExecutorService copier = Executors.newSingleThreadScheduledExecutor();
  private final URI moto;
  private final S3AsyncClient s3;
  private final String sourceBucket;
  private final String destinationBucket;
  private final Map<String, String> status = new ConcurrentHashMap<>();
  private final Map<String, Long> latest = new ConcurrentHashMap<>();
  private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.RUNNING);
  private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
  private final AtomicInteger generation = new AtomicInteger();

  TestReplicator(URI moto, S3AsyncClient s3, String sourceBucket, String destinationBucket) throws IOException {
    this.moto = moto;
    this.s3 = s3;
    this.sourceBucket = sourceBucket;
    this.destinationBucket = destinationBucket;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::forward);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Copies new PUTs after {@code d}. */
  void run(Duration d) {
    delay.set(d);
    mode.set(Mode.RUNNING);
  }

  /** Copies nothing more, including copies already scheduled. */
  void stop() {
    generation.incrementAndGet();
    mode.set(Mode.STOPPED);
  }

  void fail() {
    generation.incrementAndGet();
    mode.set(Mode.FAILING);
  }

  void untracked() {
    generation.incrementAndGet();
    mode.set(Mode.UNTRACKED);
  }

  private void forward(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getRawPath();
      String query = ex.getRequestURI().getRawQuery();
      byte[] body = ex.getRequestBody().readAllBytes();
      HttpRequest.Builder req = HttpRequest.newBuilder(moto.resolve(path + (query == null ? "" : "?" + query)))
          .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders().forEach((k, vs) -> {
        if (!HOP.contains(k.toLowerCase())) {
          vs.forEach(v -> req.header(k, v));
        }
      });
      HttpResponse<byte[]> res = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      String key = sourceKey(path);
      if (key != null && "PUT".equals(ex.getRequestMethod()) && res.statusCode() == 200 && query == null) {
        onSourcePut(key, ex.getRequestHeaders().getFirst("x-amz-meta-drwatch-seq"));
      }
      res.headers().map().forEach((k, vs) -> {
        if (!HOP.contains(k.toLowerCase())) {
          vs.forEach(v -> ex.getResponseHeaders().add(k, v));
        }
      });
      String state = key == null ? null : status.get(key);
      if (state != null && query == null && ("HEAD".equals(ex.getRequestMethod()) || "GET".equals(ex.getRequestMethod()))) {
        ex.getResponseHeaders().add("x-amz-replication-status", state);
      }
      boolean noBody = "HEAD".equals(ex.getRequestMethod()) || res.body().length == 0;
      ex.sendResponseHeaders(res.statusCode(), noBody ? -1 : res.body().length);
      if (!noBody) {
        ex.getResponseBody().write(res.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ex.close();
    }
  }

  private String sourceKey(String path) {
    String prefix = "/" + sourceBucket + "/";
    return path.startsWith(prefix) && path.length() > prefix.length() ? path.substring(prefix.length()) : null;
  }

  // Snapshot the object now (S3 replicates the version that was PUT) and copy it when it is `delay`
  // old by its writer time (the seq is that time in ms): the replication lag S3 would show.
  private void onSourcePut(String key, String seq) {
    long version = seq == null ? -1 : Long.parseLong(seq);
    latest.put(key, version);
    switch (mode.get()) {
      case UNTRACKED -> status.remove(key);
      case FAILING -> status.put(key, "FAILED");
      case STOPPED -> status.put(key, "PENDING");
      case RUNNING -> {
        status.put(key, "PENDING");
        ResponseBytes<GetObjectResponse> object = s3.getObject(r -> r.bucket(sourceBucket).key(key),
            AsyncResponseTransformer.toBytes()).join();
        int gen = generation.get();
        long due = Math.max(0, version + delay.get().toMillis() - System.currentTimeMillis());
        copier.schedule(() -> copy(key, version, object, gen), due, TimeUnit.MILLISECONDS);
      }
      default -> throw new IllegalStateException();
    }
  }

  private void copy(String key, long version, ResponseBytes<GetObjectResponse> object, int gen) {
    if (gen != generation.get()) {
      return;
    }
    s3.putObject(r -> r.bucket(destinationBucket).key(key).metadata(object.response().metadata())
        .contentType(object.response().contentType()), AsyncRequestBody.fromBytes(object.asByteArray())).join();
    if (latest.getOrDefault(key, -1L) == version) {
      status.put(key, "COMPLETED");
    }
  }

  @Override
  public void close() {
    server.stop(0);
    copier.shutdownNow();
  }
}
