package io.drwatch.app;

import io.drwatch.domain.Texts;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Turns a remote-call failure into one short line for verdicts, the status API and the journal:
 * the root cause's message, whitespace folded, bounded; never a stack trace.
 */
public final class Failures {
  private static final int MAX = 240;

  private Failures() {}

  public static String describe(Throwable err, Duration timeout) {
    if (err instanceof TimeoutException || err.getClass().getSimpleName().contains("Timeout")) {
      return "timed out after " + Texts.duration(timeout);
    }
    Throwable root = err;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage();
    String text = (msg == null || msg.isBlank() ? root.getClass().getSimpleName() : msg).strip()
        .replaceAll("\\s+", " ");
    return text.length() > MAX ? text.substring(0, MAX) + "..." : text;
  }
}
