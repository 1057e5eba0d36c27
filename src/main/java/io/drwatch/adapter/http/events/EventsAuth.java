package io.drwatch.adapter.http.events;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who may post events: whoever presents the configured token, either as the value of an API-key
 * header (what an EventBridge connection with API_KEY authorization sends) or as the password of
 * HTTP Basic (a BASIC connection; the user name is not checked). Tokens are compared as SHA-256
 * digests with {@link MessageDigest#isEqual}, so the time taken says nothing about the token, not
 * even its length. Without a token nothing is allowed: events are never open by default.
 */
public final class EventsAuth {
  /** The header an EventBridge connection sends its API key in, unless configured otherwise. */
  public static final String DEFAULT_HEADER = "x-api-key";

  /** The result of checking one request's credentials. */
  enum Check {
    OK,
    /** No credentials at all: 401 with a challenge. */
    MISSING,
    /** Credentials that do not match: 403. */
    WRONG,
    /** No token configured: 403 for everyone. */
    DISABLED
  }

  private final String header;
  private final Supplier<Optional<String>> token;

  private EventsAuth(String header, Supplier<Optional<String>> token) {
    this.header = header;
    this.token = token;
  }

  /**
   * @param token the shared secret; empty (or blank) disables the endpoint
   * @param header the API-key header name, case-insensitive, e.g. {@value #DEFAULT_HEADER}
   */
  public static EventsAuth of(Optional<String> token, String header) {
    Objects.requireNonNull(token, "token");
    return live(() -> token, header);
  }

  /**
   * @param token the current token, read on each request (a rotated token file), so it must not
   *     block
   */
  public static EventsAuth live(Supplier<Optional<String>> token, String header) {
    Objects.requireNonNull(token, "token");
    if (header == null || header.isBlank()) {
      throw new IllegalArgumentException("the API-key header name must not be blank");
    }
    return new EventsAuth(header.toLowerCase(Locale.ROOT), token);
  }

  public static EventsAuth of(Optional<String> token) {
    return of(token, DEFAULT_HEADER);
  }

  /** Refuses every post. */
  public static EventsAuth disabled() {
    return of(Optional.empty(), DEFAULT_HEADER);
  }

  public boolean enabled() {
    return digest() != null;
  }

  private byte[] digest() {
    return token.get().filter(t -> !t.isBlank()).map(EventsAuth::sha256).orElse(null);
  }

  public String header() {
    return header;
  }

  Check check(MultiMap headers) {
    byte[] tokenDigest = digest();
    if (tokenDigest == null) {
      return Check.DISABLED;
    }
    String apiKey = headers.get(header);
    if (apiKey != null && !apiKey.isEmpty()) {
      return matches(apiKey, tokenDigest) ? Check.OK : Check.WRONG;
    }
    String authorization = headers.get(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Check.MISSING;
    }
    String password = basicPassword(authorization.substring(6).trim());
    return password != null && matches(password, tokenDigest) ? Check.OK : Check.WRONG;
  }

  private static boolean matches(String presented, byte[] tokenDigest) {
    return MessageDigest.isEqual(sha256(presented), tokenDigest);
  }

  private static String basicPassword(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon < 0 ? null : decoded.substring(colon + 1);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "EventsAuth[header=" + header + ", token=" + (enabled() ? "***" : "none") + "]";
  }
}
