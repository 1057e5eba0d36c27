package io.drwatch.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The webhook's side effect, counted. {@code /notify} is the effect: every request is recorded
 * on arrival (path, {@code X-Drwatch-Epoch}, time), then answered after {@link #delay}. {@code
 * /notified} is the step's {@code checkUrl}: 200 once any notify has arrived, else 404.
 */
final class CountingSink implements AutoCloseable {
  record Hit(String method, String path, String epoch, Instant at) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "e2e-sink");
    t.setDaemon(true);
    return t;
  });
  private final List<Hit> hits = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private volatile Duration delay = Duration.ZERO;

  CountingSink() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      try (ex) {
        ex.getRequestBody().readAllBytes();
        if (path.equals("/notified")) {
          ex.sendResponseHeaders(count("/notify") > 0 ? 200 : 404, -1);
          return;
        }
        hits.add(new Hit(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("X-Drwatch-Epoch"), Instant.now()));
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Thread.sleep(delay.toMillis());
        ex.sendResponseHeaders(200, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the caller died while we held its request (kill -9 mid-run): the hit is already counted
      }
    });
    server.setExecutor(pool);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  void delay(Duration d) {
    delay = d;
  }

  int count(String path) {
    AtomicInteger n = counts.get(path);
    return n == null ? 0 : n.get();
  }

  /** Every counted request, whatever its path (checkUrl probes are not counted). */
  int total() {
    return hits.size();
  }

  List<Hit> hits() {
    return List.copyOf(hits);
  }

  String summary() {
    return "sink: " + counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "{", "}")) + " hits=" + hits;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
