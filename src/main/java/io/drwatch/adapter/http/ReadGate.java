package io.drwatch.adapter.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code http.readToken}: when configured, every GET and HEAD but the peers' votes (which have
 * their own token) wants it. Without it the read routes are open and never look at
 * {@code Authorization}, so no other role's token is sent to them for nothing.
 */
public final class ReadGate {
  private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

  private ReadGate() {}

  /**
   * Runs ahead of every route, also those mounted later.
   *
   * @param ownToken paths that check a token of their own
   */
  public static void mount(Router router, Supplier<Optional<String>> readToken, Set<String> ownToken) {
    BearerToken token = new BearerToken(readToken);
    router.route().order(-1).handler(rc -> {
      boolean read = READS.contains(rc.request().method()) && !ownToken.contains(rc.normalizedPath());
      if (!read || token.admit(rc)) {
        rc.next();
      }
    });
  }
}
