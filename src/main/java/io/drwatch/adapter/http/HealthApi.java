package io.drwatch.adapter.http;

import io.drwatch.app.status.ObjectiveHealth;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.runbook.RtoProjection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Health checks a load balancer routes on (HAProxy {@code httpchk}, Route 53, Global
 * Accelerator): 200 when the answer is yes, 503 when it is no, a JSON body saying why either way.
 * Read-only and without a token, like {@code /readyz}: they read the last probe round's
 * snapshots and the in-memory RTO projection, never a backend.
 *
 * <ul>
 *   <li>{@code GET /api/v1/channels/{name}/health}: the channel meets its RPO objective; 404 for
 *       a channel that is not configured.
 *   <li>{@code GET /api/v1/health/standby-ready}: every channel meets its objective and the
 *       projected RTO is within the RTO objective (503 without a runbook: nothing is projected).
 * </ul>
 */
public final class HealthApi {
  private HealthApi() {}

  /** @param rto the projection now, empty without a runbook */
  public static void mount(Router router, StatusBoard board, Supplier<Optional<RtoProjection>> rto,
      Duration rtoObjective, Clock clock) {
    router.get("/api/v1/channels/:name/health").handler(rc -> {
      ChannelStatus s = board.channel(rc.pathParam("name"));
      if (s == null) {
        reply(rc, 404, new JsonObject().put("channel", rc.pathParam("name")).put("healthy", false)
            .put("reason", "no channel of that name is configured"));
        return;
      }
      ObjectiveHealth.Channel c = ObjectiveHealth.channel(s, clock.instant());
      reply(rc, c.meets() ? 200 : 503, channel(c));
    });
    router.get("/api/v1/health/standby-ready").handler(rc -> {
      ObjectiveHealth.Standby s = ObjectiveHealth.standby(board.channels(), rto.get(), rtoObjective,
          clock.instant());
      JsonArray channels = new JsonArray();
      s.channels().forEach(c -> channels.add(channel(c)));
      reply(rc, s.ready() ? 200 : 503, new JsonObject()
          .put("ready", s.ready())
          .put("reasons", new JsonArray(s.reasons()))
          .put("rtoProjectedSeconds", s.rto().map(HealthApi::rtoSeconds).orElse(null))
          .put("rtoObjectiveSeconds", seconds(s.rtoObjective()))
          .put("channels", channels));
    });
  }

  private static JsonObject channel(ObjectiveHealth.Channel c) {
    ChannelStatus s = c.status();
    return new JsonObject()
        .put("channel", s.name())
        .put("healthy", c.meets())
        .put("reason", c.reason())
        .put("condition", s.condition().name())
        .put("rpoSeconds", s.rpo().map(HealthApi::seconds).orElse(null))
        .put("rpoObjectiveSeconds", seconds(s.spec().rpoObjective()))
        .put("updatedAt", s.updatedAt().toString());
  }

  // JSON has no infinity: an unrecoverable projection is null, with the reason in "reasons".
  private static Double rtoSeconds(RtoProjection p) {
    return p.isInfinite() ? null : p.totalSeconds();
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static void reply(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .end(body.encode());
  }
}
