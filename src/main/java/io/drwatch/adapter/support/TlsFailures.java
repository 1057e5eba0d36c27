package io.drwatch.adapter.support;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.Failures;
import io.vertx.core.Future;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * A failed TLS handshake as an operator reads it: {@code TLS: certificate not trusted (PKIX path
 * building failed)} or {@code TLS: host name mismatch (...)}, coded {@link FailureCode#TLS}.
 * Classified by exception type, which the JDK's trust manager keeps stable, never by message.
 */
public final class TlsFailures {
  private TlsFailures() {}

  /** {@code call} with a TLS failure reworded and coded; other failures pass unchanged. */
  public static <T> Future<T> worded(Future<T> call) {
    return worded(call, Optional.empty());
  }

  /**
   * As {@link #worded(Future)}, and a failure without a TLS cause (a client that reports only
   * "SSL handshake failed") is explained by what {@code trust} refused last.
   */
  public static <T> Future<T> worded(Future<T> call, Optional<TlsTrust> trust) {
    return call.recover(err -> Future.failedFuture(coded(err, trust).<Throwable>map(c -> c).orElse(err)));
  }

  /** {@link #coded(Throwable)}, else the refusal {@code trust} remembers. */
  public static Optional<CodedFailure> coded(Throwable err, Optional<TlsTrust> trust) {
    Optional<CodedFailure> direct = coded(err);
    if (direct.isPresent() || err instanceof CodedFailure || trust.isEmpty() || Failures.isTimeout(err)) {
      return direct;
    }
    return trust.get().lastRejection().flatMap(TlsFailures::problem)
        .map(p -> CodedFailure.of(FailureCode.TLS, "TLS: " + p, null, 0, null, err));
  }

  /** The failure as a coded TLS failure, when a TLS problem is in its cause chain. */
  public static Optional<CodedFailure> coded(Throwable err) {
    if (err instanceof CodedFailure) {
      return Optional.empty();
    }
    Optional<String> problem = problem(err);
    return problem.map(p -> CodedFailure.of(FailureCode.TLS, "TLS: " + p, null, 0, null, err));
  }

  static Optional<String> problem(Throwable err) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean tls = false;
    CertificateException certificate = null;
    for (Throwable t = err; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof CertificateExpiredException) {
        return Optional.of("certificate expired (" + Failures.line(t) + ")");
      }
      if (t instanceof CertificateNotYetValidException) {
        return Optional.of("certificate not yet valid (" + Failures.line(t) + ")");
      }
      if (t instanceof CertPathBuilderException) {
        return Optional.of("certificate not trusted (PKIX path building failed)");
      }
      if (t instanceof CertPathValidatorException v) {
        return Optional.of(v.getReason() == CertPathValidatorException.BasicReason.EXPIRED
            ? "certificate expired" : "certificate not trusted (" + v.getReason() + ")");
      }
      if (t instanceof CertificateException c && certificate == null) {
        certificate = c;
      }
      tls |= t instanceof SSLException;
    }
    // The trust manager's identity check throws a plain CertificateException; chain problems
    // come as its subclass ValidatorException with a CertPath cause, handled above.
    if (certificate != null && certificate.getClass() == CertificateException.class) {
      return Optional.of("host name mismatch (" + Failures.line(certificate) + ")");
    }
    if (certificate != null) {
      return Optional.of("certificate rejected (" + Failures.line(certificate) + ")");
    }
    return tls ? Optional.of("handshake failed (" + Failures.line(err) + ")") : Optional.empty();
  }
}
