package io.drwatch.domain;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Turns a remote-call failure into one short line for verdicts, the status API and the journal:
 * never a stack trace. Callers word timeouts themselves ("no answer within 2s").
 */
public final class Failures {
  /** Longest line kept; longer text is cut and marked with "...". */
  public static final int MAX = 160;

  private Failures() {}

  /**
   * Whether the failure is a timeout: a {@link TimeoutException}, or anything in the cause chain
   * whose class name says so (Netty's {@code ConnectTimeoutException}, Vert.x's
   * {@code NoStackTraceTimeoutException}). The walk stops at a {@link CodedFailure}: the adapter that
   * coded it has worded it already ("rds DescribeDBInstances failed after 4 attempts: ..."), and a
   * timeout of one of its attempts is not the caller's own timeout. Its code says TIMEOUT if it was.
   */
  public static boolean isTimeout(Throwable e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof CodedFailure) {
        return false;
      }
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The outermost non-null message in the cause chain (it is the most specific: Netty's names the
   * address, "Connection refused: /10.0.0.5:5432", its cause only says "Connection refused"), or
   * the class's simple name if none has one; as one bounded line.
   */
  public static String line(Throwable e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable t = e;
    seen.add(t);
    while (t.getMessage() == null && t.getCause() != null && seen.add(t.getCause())) {
      t = t.getCause();
    }
    return line(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
  }

  /** The text with whitespace folded to single spaces, at most {@link #MAX} chars then "...". */
  public static String line(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() > MAX ? line.substring(0, MAX) + "..." : line;
  }
}
