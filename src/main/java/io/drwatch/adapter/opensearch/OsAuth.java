package io.drwatch.adapter.opensearch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How requests to one cluster authenticate: {@code basic} (self-managed OpenSearch with the
 * security plugin, or an Amazon OpenSearch Service domain with an internal user), {@code sigv4}
 * (Amazon OpenSearch Service with IAM) or {@code none}. The password never appears in
 * {@link #toString()} or in any message.
 */
final class OsAuth {
  enum Mode { NONE, BASIC, SIGV4 }

  static final String DEFAULT_USER = "admin";

  private final Mode mode;
  private final String basicHeader;
  private final SigV4 sigV4;
  private final Supplier<AwsCredentialsProvider> credentials;

  private OsAuth(Mode mode, String basicHeader, SigV4 sigV4, Supplier<AwsCredentialsProvider> credentials) {
    this.mode = mode;
    this.basicHeader = basicHeader;
    this.sigV4 = sigV4;
    this.credentials = credentials;
  }

  static OsAuth none() {
    return new OsAuth(Mode.NONE, null, null, null);
  }

  static OsAuth basic(String username, String password) {
    String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new OsAuth(Mode.BASIC, "Basic " + token, null, null);
  }

  /** {@code credentials} is asked lazily, on a worker thread: building the chain may touch files. */
  static OsAuth sigV4(String region, Supplier<AwsCredentialsProvider> credentials, Clock clock) {
    return new OsAuth(Mode.SIGV4, null, new SigV4(region, SigV4.SERVICE, clock), credentials);
  }

  /**
   * Reads the {@code auth} setting: {@code basic}, {@code sigv4} or {@code none}; without it,
   * basic when a password is set, else none. {@code what} names the setting's owner for messages.
   */
  static OsAuth of(String what, Optional<String> mode, Optional<String> username, Optional<String> password,
      Optional<String> region, Supplier<AwsCredentialsProvider> credentials) {
    String m = mode.map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse(password.isPresent() ? "basic" : "none");
    return switch (m) {
      case "none" -> none();
      case "basic" -> basic(username.orElse(DEFAULT_USER), password.orElseThrow(
          () -> new IllegalArgumentException(what + ": auth basic needs a password")));
      case "sigv4" -> sigV4(region.filter(r -> !r.isBlank()).orElseThrow(
          () -> new IllegalArgumentException(what + ": auth sigv4 needs region")), credentials, Clock.systemUTC());
      default -> throw new IllegalArgumentException(what + ": auth must be basic, sigv4 or none, but was \"" + m + "\"");
    };
  }

  Mode mode() {
    return mode;
  }

  /**
   * The auth headers for one request. SigV4 resolves credentials and signs on a worker thread:
   * a credentials chain may block (files, IMDS, STS) and must not hold up the event loop.
   */
  Future<Map<String, String>> headers(Vertx vertx, String method, URI uri, Map<String, String> extra, byte[] body) {
    return switch (mode) {
      case NONE -> Future.succeededFuture(Map.of());
      case BASIC -> Future.succeededFuture(Map.of("Authorization", basicHeader));
      case SIGV4 -> vertx.executeBlocking(() -> sigV4.sign(method, uri, extra, body,
          credentials.get().resolveCredentials()), false);
    };
  }

  @Override
  public String toString() {
    return mode == Mode.SIGV4 ? "sigv4(" + sigV4.region() + ")" : mode.name().toLowerCase(Locale.ROOT);
  }
}
