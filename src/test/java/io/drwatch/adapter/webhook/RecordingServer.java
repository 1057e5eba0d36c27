package io.drwatch.adapter.webhook;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Vert.x HTTP server for the webhook tests. {@code /hook} answers {@link #status} with
 * {@link #body}; {@code /done} 200; {@code /not-done} 404; {@code /ready} 503 until it has been
 * asked {@link #readyAfter} times, then 200. Every request is recorded.
 */
final class RecordingServer implements AutoCloseable {
  record Seen(String method, String path, MultiMap headers, String body) {}

  final List<Seen> seen = new CopyOnWriteArrayList<>();
  final AtomicInteger readyPolls = new AtomicInteger();
  volatile int status = 202;
  volatile String body = "accepted";
  volatile int readyAfter = 1;
  private final HttpServer server;

  RecordingServer(Vertx vertx) throws TimeoutException {
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
        .await(5, TimeUnit.SECONDS);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(b -> {
      MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(req.headers());
      seen.add(new Seen(req.method().name(), req.path(), headers, b.toString()));
      switch (req.path()) {
        case "/hook" -> req.response().setStatusCode(status).end(body);
        case "/done" -> req.response().end("done");
        case "/ready" -> req.response()
            .setStatusCode(readyPolls.incrementAndGet() >= readyAfter ? 200 : 503).end();
        default -> req.response().setStatusCode(404).end("no such thing");
      }
    });
  }

  @Override
  public void close() throws TimeoutException {
    server.close().await(5, TimeUnit.SECONDS);
  }
}
