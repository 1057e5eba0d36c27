package io.drwatch.adapter.report;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.report.Since;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * {@code GET /api/v1/report?since=30d&format=json|html|csv}: the audit report, read-only and
 * without a token like the status API. {@code since} defaults to 30d, {@code format} to json.
 */
public final class ReportRoute {
  public static final String PATH = "/api/v1/report";

  /** Builds and renders the report off the event loop (the store is blocking JDBC). */
  @FunctionalInterface
  public interface Source {
    Future<String> render(Duration since, ReportFormat format);
  }

  private ReportRoute() {}

  public static void mount(Router router, Source source) {
    router.get(PATH).handler(rc -> handle(rc, source));
  }

  static void handle(RoutingContext rc, Source source) {
    Duration since;
    ReportFormat format;
    try {
      since = Since.parse(rc.queryParams().get("since") == null ? "30d" : rc.queryParams().get("since"));
      format = ReportFormat.parse(rc.queryParams().get("format") == null ? "json" : rc.queryParams().get("format"));
    } catch (CodedFailure e) {
      fail(rc, e);
      return;
    }
    source.render(since, format)
        .onSuccess(body -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, format.contentType())
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
            .putHeader("X-Content-Type-Options", "nosniff")
            // The HTML has no script and loads nothing: forbid both, so a name can never run code.
            .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
            .end(body))
        .onFailure(err -> fail(rc, CodedFailure.coded(err)));
  }

  private static void fail(RoutingContext rc, CodedFailure e) {
    int status = e.code() == FailureCode.BAD_PARAMS ? 400 : e.code() == FailureCode.NOT_FOUND ? 404 : 503;
    rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("error", e.getMessage()).put("code", e.code().label()).encode());
  }
}
