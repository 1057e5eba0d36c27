package io.drwatch.adapter.http;

import io.drwatch.app.failover.RtoView;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * {@code GET /api/v1/rto}: the projected RTO now, read-only and without a token. The same body as
 * {@code POST /api/v1/failover?mode=plan}, which stays for clients that already use it; the
 * projection reads in-memory step history and channel state only.
 */
public final class RtoApi {
  private RtoApi() {}

  public static void mount(Router router, RtoView rto) {
    router.get("/api/v1/rto").handler(rc -> rc.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .end(RunJson.projection(rto.project()).encodePrettily()));
  }
}
