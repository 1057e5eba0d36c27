package io.drwatch.domain.detect;

import java.net.ConnectException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Why one probe of a target failed, as a code the RPO gate can act on. A REFUSED connection means
 * the host answered and no process listens: the primary cannot be taking writes. A TIMEOUT means
 * nothing answered: the primary may be alive behind a broken network and still taking writes.
 */
public enum ProbeFailure {
  /** The host actively refused the connection (TCP RST): the process is gone. */
  REFUSED,
  /** No answer within the probe's timeout, or a connect attempt that timed out. */
  TIMEOUT,
  /** Anything else: a wrong answer, an authentication error, a reset mid-request. */
  ERROR;

  /**
   * Classifies by type, never by message text: a timeout anywhere in the cause chain (a {@link
   * TimeoutException}, or a class whose name says Timeout, such as Netty's {@code
   * ConnectTimeoutException}, which is also a {@link ConnectException}) wins; otherwise a {@link
   * ConnectException} is a refusal (the JDK and Netty raise it for ECONNREFUSED).
   */
  public static ProbeFailure of(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean connect = false;
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return TIMEOUT;
      }
      connect |= t instanceof ConnectException;
    }
    return connect ? REFUSED : ERROR;
  }
}
