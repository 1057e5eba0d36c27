package io.drwatch.adapter.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Bearer-token check in constant time; without a configured token everything is refused. */
final class BearerToken {
  private final Optional<byte[]> expected;

  BearerToken(Optional<String> token) {
    this.expected = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
  }

  /** True if the request may proceed; otherwise the response has been sent. */
  boolean admit(RoutingContext rc) {
    String auth = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (expected.isEmpty()) {
      deny(rc, 403, "no token configured: this endpoint is disabled");
      return false;
    }
    if (auth == null) {
      deny(rc, 401, "missing Bearer token");
      return false;
    }
    if (!MessageDigest.isEqual(expected.get(), auth.getBytes(StandardCharsets.UTF_8))) {
      deny(rc, 403, "wrong token");
      return false;
    }
    return true;
  }

  private static void deny(RoutingContext rc, int status, String why) {
    rc.response().setStatusCode(status).putHeader("WWW-Authenticate", "Bearer")
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new io.vertx.core.json.JsonObject().put("error", why).encode());
  }
}
