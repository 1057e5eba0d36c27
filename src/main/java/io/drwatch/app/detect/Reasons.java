package io.drwatch.app.detect;

import io.drwatch.domain.Texts;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** One short line for why a target check failed; never a stack trace, never unbounded. */
final class Reasons {
  private static final int MAX = 200;

  private Reasons() {}

  static String of(Throwable err, Duration timeout) {
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
