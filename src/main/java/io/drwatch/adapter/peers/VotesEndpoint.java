package io.drwatch.adapter.peers;

import io.drwatch.domain.detect.ObserverReport;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/votes}: this observer's suspicion per target, for its peers. Requires the
 * shared peer token as a Bearer credential, compared in constant time.
 */
public final class VotesEndpoint {
  private VotesEndpoint() {}

  /**
   * @param clock the detection time line the reports are stamped on: each report goes out with
   *     its age ({@code ageMillis}), never a timestamp, so the peers' clocks do not matter
   */
  public static void mount(Router router, String observer, String token,
      Supplier<List<ObserverReport>> own, Clock clock) {
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    router.get(HttpVoteExchange.PATH).handler(rc -> {
      String auth = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
      if (auth == null) {
        deny(rc, 401, "missing Bearer token");
      } else if (!MessageDigest.isEqual(expected, auth.getBytes(StandardCharsets.UTF_8))) {
        deny(rc, 403, "wrong token");
      } else {
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end(HttpVoteExchange.toJson(observer, own.get(), clock.instant()).encode());
      }
    });
  }

  private static void deny(RoutingContext rc, int status, String why) {
    rc.response().setStatusCode(status).putHeader("WWW-Authenticate", "Bearer")
        .end(why + "\n");
  }
}
