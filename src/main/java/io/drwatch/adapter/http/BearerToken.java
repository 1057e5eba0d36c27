package io.drwatch.adapter.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One role's Bearer-token check. The token is read through a supplier so that a rotated token
 * file takes effect; the caller keeps that read off the event loop. Compared as SHA-256 digests,
 * so the time taken says nothing about the token, not even its length. Without a configured token
 * every request is refused.
 */
public final class BearerToken {
  private final Supplier<Optional<String>> token;

  public BearerToken(Supplier<Optional<String>> token) {
    this.token = token;
  }

  /** A token that never changes, or none. */
  public static BearerToken of(Optional<String> token) {
    return new BearerToken(() -> token);
  }

  /** True if the request may proceed; otherwise the response has been sent. */
  public boolean admit(RoutingContext rc) {
    Optional<String> expected = token.get();
    String auth = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (expected.isEmpty()) {
      deny(rc, 403, "no token configured: this endpoint is disabled");
      return false;
    }
    if (auth == null) {
      deny(rc, 401, "missing Bearer token");
      return false;
    }
    if (!MessageDigest.isEqual(sha256("Bearer " + expected.get()), sha256(auth))) {
      deny(rc, 403, "wrong token");
      return false;
    }
    return true;
  }

  private static void deny(RoutingContext rc, int status, String why) {
    rc.response().setStatusCode(status).putHeader("WWW-Authenticate", "Bearer")
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("error", why).encode());
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
