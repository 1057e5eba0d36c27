package io.drwatch.adapter.support;

import io.drwatch.domain.Failures;
import io.drwatch.domain.Texts;
import io.vertx.core.Future;
import io.vertx.core.VertxException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/**
 * What every target probe (tcp, http, postgres, redis) shares: a positive timeout, and a failure
 * worded in one line whose cause stays attached, so that callers classify it (refused, timed out)
 * by type.
 */
public final class TargetChecks {
  private TargetChecks() {}

  /**
   * @return {@code timeout}
   * @throws IllegalArgumentException when it is zero or negative
   */
  public static Duration positive(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
    }
    return timeout;
  }

  /** {@code "<waited> within <timeout>"} for a timeout, else the failure's {@link Failures#line}. */
  public static String reason(Throwable err, String waited, Duration timeout) {
    return Failures.isTimeout(err) ? waited + " within " + Texts.duration(timeout) : Failures.line(err);
  }

  /** The check, its failure worded by {@code reason} with the cause kept. */
  public static Future<Void> worded(Future<Void> check, Function<Throwable, String> reason) {
    return check.recover(err -> Future.failedFuture(new VertxException(reason.apply(err), err, true)));
  }

  /**
   * Checks a probe's url once, at creation: the client would parse it only when a check runs.
   * Messages quote {@code shown}, the url as it may be logged (without a password).
   *
   * @param rule how a valid url looks, e.g. {@code redis://host:port}
   * @throws IllegalArgumentException unless {@code url} has a host and one of {@code schemes}
   */
  public static void url(String url, String shown, Set<String> schemes, String rule) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is not a valid URI: \"" + shown + "\"");
    }
    if (uri.getScheme() == null || !schemes.contains(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("url must be " + rule + ", but was \"" + shown + "\"");
    }
  }
}
