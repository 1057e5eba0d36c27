package io.drwatch.domain;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A failure with its {@link FailureCode}, and what the provider said in its own words: its error
 * code (the AWS SDK's {@code InvalidDBInstanceState}, a Cloudflare error number), the HTTP status,
 * and a {@code Retry-After} if it sent one. Adapters throw this instead of folding the provider's
 * answer into a message, so callers branch on fields, never on message text.
 *
 * <p>No stack trace: these are expected outcomes of remote calls, logged as one line.
 */
public final class CodedFailure extends RuntimeException {
  private final FailureCode code;
  private final String providerCode;
  private final int httpStatus;
  private final Duration retryAfter;

  private CodedFailure(FailureCode code, String message, String providerCode, int httpStatus, Duration retryAfter,
      Throwable cause) {
    super(message, cause, false, false);
    this.code = Objects.requireNonNull(code, "code");
    this.providerCode = providerCode == null || providerCode.isBlank() ? null : providerCode;
    this.httpStatus = Math.max(httpStatus, 0);
    this.retryAfter = retryAfter == null || retryAfter.isNegative() ? null : retryAfter;
  }

  public static CodedFailure of(FailureCode code, String message) {
    return new CodedFailure(code, message, null, 0, null, null);
  }

  /**
   * @param providerCode the provider's error code, null if none
   * @param httpStatus the answer's status, 0 if there was no HTTP answer
   * @param retryAfter the pause the provider asked for, null if none
   */
  public static CodedFailure of(FailureCode code, String message, String providerCode, int httpStatus,
      Duration retryAfter, Throwable cause) {
    return new CodedFailure(code, message, providerCode, httpStatus, retryAfter, cause);
  }

  /**
   * {@code err} as a coded failure: itself if it is one (also under wrappers), else coded by
   * {@link #codeOf} with {@link Failures#line} as its message.
   */
  public static CodedFailure coded(Throwable err) {
    CodedFailure found = find(err);
    return found != null ? found : new CodedFailure(codeOf(err), Failures.line(err), null, 0, null, err);
  }

  /** The same code and provider details under a new message (e.g. prefixed with the step). */
  public CodedFailure withMessage(String message) {
    return new CodedFailure(code, message, providerCode, httpStatus, retryAfter, getCause());
  }

  /** The same provider details under another code (e.g. a read-back that sees a terminal state). */
  public CodedFailure withCode(FailureCode other) {
    return new CodedFailure(other, getMessage(), providerCode, httpStatus, retryAfter, getCause());
  }

  public FailureCode code() {
    return code;
  }

  public Optional<String> providerCode() {
    return Optional.ofNullable(providerCode);
  }

  public OptionalInt httpStatus() {
    return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Whether the provider answered with this error code (exact, case-sensitive, as providers spell them). */
  public boolean isProviderCode(String expected) {
    return expected.equals(providerCode);
  }

  /**
   * The code of any failure, walking its causes. The first {@link CodedFailure} decides (an adapter
   * coded it knowing more); otherwise a timeout anywhere is {@link FailureCode#TIMEOUT} (it wins over
   * the connect failure it may also be), a TLS exception {@link FailureCode#TLS}, a connection or other
   * I/O failure {@link FailureCode#UNREACHABLE}, and an {@link IllegalArgumentException} (how our
   * parameter parsing fails) {@link FailureCode#BAD_PARAMS}. Anything else is {@link
   * FailureCode#REJECTED}: the call ran and was refused or misbehaved, and trying again the same way
   * is not expected to help. There is deliberately no UNKNOWN: every failure gets a decision.
   */
  public static FailureCode codeOf(Throwable err) {
    if (err == null) {
      return FailureCode.REJECTED;
    }
    CodedFailure coded = find(err);
    if (coded != null) {
      return coded.code();
    }
    if (Failures.isTimeout(err)) {
      return FailureCode.TIMEOUT;
    }
    if (any(err, t -> t.getClass().getName().startsWith("javax.net.ssl.")
        || t.getClass().getSimpleName().startsWith("Ssl") || t.getClass().getSimpleName().startsWith("SSL"))) {
      return FailureCode.TLS;
    }
    // Vert.x's HttpClosedException ("Connection was closed") is no IOException, but is the same thing.
    if (any(err, t -> t instanceof ConnectException || t instanceof IOException
        || t.getClass().getSimpleName().equals("HttpClosedException"))) {
      return FailureCode.UNREACHABLE;
    }
    if (any(err, t -> t instanceof IllegalArgumentException)) {
      return FailureCode.BAD_PARAMS;
    }
    return FailureCode.REJECTED;
  }

  private static CodedFailure find(Throwable err) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = err; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof CodedFailure c) {
        return c;
      }
    }
    return null;
  }

  private static boolean any(Throwable err, Predicate<Throwable> test) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = err; t != null && seen.add(t); t = t.getCause()) {
      if (test.test(t)) {
        return true;
      }
    }
    return false;
  }
}
