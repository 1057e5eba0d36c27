package io.drwatch.adapter.http;

import io.drwatch.app.decide.DetectionBoard;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.port.AwsUsage;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The daemon's HTTP surface. Handlers only read snapshots or record intent; they never call a
 * remote system, so a slow backend can never make the API slow.
 */
public final class HttpApi {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private static final int WARM_UP_RENDERS = 12;
  // About 500 channels: from there a render takes milliseconds, and on a busy host tens of them.
  private static final int LARGE_SCRAPE = 1 << 20;

  private HttpApi() {}

  public static Router router(Vertx vertx, StatusBoard board, DetectionBoard detection,
      Supplier<ByteBuffer> scrape, String observer) {
    return router(vertx, board, detection, scrape, observer, AwsUsage.NONE, () -> null);
  }

  /**
   * {@code aws} feeds the status's {@code "aws"} object (call counts are in-memory counters);
   * {@code failover} its {@code "failover"} object (armed, latch, executor), null without a runbook.
   */
  public static Router router(Vertx vertx, StatusBoard board, DetectionBoard detection,
      Supplier<ByteBuffer> scrape, String observer, AwsUsage aws,
      Supplier<io.vertx.core.json.JsonObject> failover) {
    Router router = Router.router(vertx);
    // Rendered to bytes on a worker: the event loop only writes them (a 20 MB String encoded there
    // at 10,000 channels held it for tens of milliseconds).
    RenderCache.Later later = (delayNanos, task) -> vertx.setTimer(Math.max(1, delayNanos / 1_000_000),
        id -> vertx.executeBlocking(() -> {
          task.run();
          return null;
        }, false));
    RenderCache<ByteBuffer> metrics = RenderCache.of(scrape, bytes -> bytes.remaining() >= LARGE_SCRAPE, later);
    metrics.get(); // here, not on a request: the first render loads the render path's classes
    metrics.warmUp(WARM_UP_RENDERS, Duration.ofSeconds(1));
    router.get("/metrics").handler(rc -> vertx.executeBlocking(metrics::get, false)
        .onSuccess(bytes -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT).end(wrap(bytes)))
        .onFailure(rc::fail));
    router.get("/healthz").handler(rc -> plain(rc, 200, "ok"));
    router.get("/readyz").handler(rc -> {
      if (board.allProbed()) {
        plain(rc, 200, "ready");
      } else {
        plain(rc, 503, "not ready: waiting for the first probe round of every channel");
      }
    });
    Supplier<String> render = () -> StatusJson.of(board, observer)
        .put("detection", DetectionJson.of(detection)).put("aws", StatusJson.aws(aws))
        .put("failover", failover.get()).encodePrettily();
    // Rendered once here, on the thread that builds the router (not an event loop): Jackson's first
    // serialization of these shapes builds its serializers, which took 100+ ms on a cold JVM.
    render.get();
    RenderCache<String> status = RenderCache.of(render, json -> false, later);
    // A declared or cleared outage must not wait out a slow render's reuse (up to 1 s).
    detection.onPublish(d -> {
      if (d.decisions().stream().anyMatch(io.drwatch.domain.decide.Decision::changed)) {
        status.invalidate();
      }
    });
    // On a worker too: at 10,000 channels the JSON is megabytes.
    router.get("/api/v1/status").handler(rc -> vertx.executeBlocking(status::get, false)
        .onSuccess(json -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json))
        .onFailure(rc::fail));
    StatusPage.mount(router);
    return router;
  }

  // No copy, and unreleasable: the same bytes may be served to several clients.
  private static Buffer wrap(ByteBuffer bytes) {
    return BufferInternal.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes.duplicate())));
  }

  private static io.vertx.core.Future<Void> plain(RoutingContext rc, int status, String body) {
    return rc.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(body + "\n");
  }
}
