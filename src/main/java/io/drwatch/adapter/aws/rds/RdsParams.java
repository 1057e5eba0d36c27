package io.drwatch.adapter.aws.rds;

import io.drwatch.port.FailoverAction.Step;
import io.vertx.core.Future;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Parameters both RDS actions share, validated with messages that name the step, key and value. */
final class RdsParams {
  /** RDS documents promotion as "several minutes or longer": the await's own bound is generous. */
  static final int DEFAULT_WAIT_SECONDS = 1800;
  static final int DEFAULT_POLL_MILLIS = 1000;

  private RdsParams() {}


  static Duration pollEvery(Step step) {
    return Duration.ofMillis(step.number("pollMillis", DEFAULT_POLL_MILLIS, 60_000));
  }

  static Duration waitLimit(Step step) {
    return Duration.ofSeconds(step.number("waitSeconds", DEFAULT_WAIT_SECONDS, 86_400));
  }

  /** {@code true} or {@code false} (any case); anything else fails rather than guessing. */
  static boolean flag(Step step, String key, boolean fallback) {
    String text = step.param(key, Boolean.toString(fallback)).strip().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("step " + step.id() + ": " + key
          + " must be true or false, but was \"" + step.params().get(key) + "\"");
    };
  }

  /** A whole number in [min, max], or empty when the key is absent (the service's default then applies). */
  static Optional<Integer> optionalNumber(Step step, String key, int min, int max) {
    String text = step.params().get(key);
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return Optional.of(value);
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("step " + step.id() + ": " + key + " must be a whole number between "
        + min + " and " + max + ", but was \"" + text + "\"");
  }

  /** A failure of our own judgement (no provider answer behind it). */
  static <T> Future<T> failed(FailureCode code, String message) {
    return Future.failedFuture(CodedFailure.of(code, message));
  }

  /** {@code err} under the step's label, keeping its code and the provider's error code and status. */
  static <T> Future<T> failed(String label, Throwable err) {
    CodedFailure coded = CodedFailure.coded(err);
    return Future.failedFuture(coded.withMessage(label + ": " + coded.getMessage()));
  }
}
