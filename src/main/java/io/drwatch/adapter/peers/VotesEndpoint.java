package io.drwatch.adapter.peers;

import io.drwatch.domain.detect.ObserverReport;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * {@code GET /api/v1/votes}: this observer's suspicion per target, for its peers. Wants the peer
 * token ({@code detection.peerToken}) as a Bearer credential, compared as digests in constant
 * time, and with mTLS a client certificate the listener verified against {@code
 * http.tls.clientCaFile}.
 */
public final class VotesEndpoint {
  private VotesEndpoint() {}

  /**
   * @param token the current peer token; read on each request, so it must not block
   * @param clientCert whether a verified client certificate is required (mTLS)
   * @param clock the detection time line the reports are stamped on: each report goes out with
   *     its age ({@code ageMillis}), never a timestamp, so the peers' clocks do not matter
   */
  public static void mount(Router router, String observer, Supplier<String> token,
      boolean clientCert, Supplier<List<ObserverReport>> own, Clock clock) {
    router.get(HttpVoteExchange.PATH).handler(rc -> {
      String auth = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
      if (clientCert && !verifiedClient(rc.request())) {
        deny(rc, 403, "client certificate required (mTLS)");
      } else if (auth == null) {
        deny(rc, 401, "missing Bearer token");
      } else if (!MessageDigest.isEqual(sha256("Bearer " + token.get()), sha256(auth))) {
        deny(rc, 403, "wrong token");
      } else {
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end(HttpVoteExchange.toJson(observer, own.get(), clock.instant()).encode());
      }
    });
  }

  // With client auth REQUEST the handshake already refused a certificate the CA did not sign, so
  // any certificate still on the connection is a verified one.
  private static boolean verifiedClient(HttpServerRequest request) {
    if (!request.isSSL()) {
      return false;
    }
    try {
      return !request.connection().peerCertificates().isEmpty();
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }

  private static void deny(RoutingContext rc, int status, String why) {
    rc.response().setStatusCode(status).putHeader("WWW-Authenticate", "Bearer")
        .end(why + "\n");
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
