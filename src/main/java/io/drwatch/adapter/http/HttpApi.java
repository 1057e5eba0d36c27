package io.drwatch.adapter.http;

import io.drwatch.app.decide.DetectionBoard;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.port.AwsUsage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * The daemon's HTTP surface. Handlers only read snapshots or record intent; they never call a
 * remote system, so a slow backend can never make the API slow.
 */
public final class HttpApi {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private HttpApi() {}

  public static Router router(Vertx vertx, StatusBoard board, DetectionBoard detection,
      Supplier<String> scrape, String observer) {
    return router(vertx, board, detection, scrape, observer, AwsUsage.NONE, () -> null);
  }

  /**
   * {@code aws} feeds the status's {@code "aws"} object (call counts are in-memory counters);
   * {@code failover} its {@code "failover"} object (armed, latch, executor), null without a runbook.
   */
  public static Router router(Vertx vertx, StatusBoard board, DetectionBoard detection,
      Supplier<String> scrape, String observer, AwsUsage aws,
      Supplier<io.vertx.core.json.JsonObject> failover) {
    Router router = Router.router(vertx);
    // Rendered on a worker: with the JVM binders a scrape takes 5-30 ms on a busy 2-core host.
    RenderCache metrics = RenderCache.of(scrape);
    router.get("/metrics").handler(rc -> vertx.executeBlocking(metrics::get, false)
        .onSuccess(text -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT).end(text))
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
    RenderCache status = RenderCache.of(render);
    // A declared or cleared outage must not wait out a slow render's reuse (up to 1 s).
    detection.onPublish(d -> {
      if (d.decisions().stream().anyMatch(io.drwatch.domain.decide.Decision::changed)) {
        status.invalidate();
      }
    });
    router.get("/api/v1/status").handler(rc -> rc.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(status.get()));
    StatusPage.mount(router);
    return router;
  }

  private static io.vertx.core.Future<Void> plain(RoutingContext rc, int status, String body) {
    return rc.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(body + "\n");
  }
}
