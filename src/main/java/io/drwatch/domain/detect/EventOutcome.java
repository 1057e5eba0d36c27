package io.drwatch.domain.detect;

import java.util.Locale;
import java.util.Objects;

/**
 * What ingestion did with one event, for {@code drwatch_events_received_total{source,outcome}}
 * ({@link #label()}) and a debug log line ({@link #reason()}). A transport acknowledges (202,
 * SQS delete) every outcome: a duplicate or an ignored event is handled, not failed.
 */
public record EventOutcome(Kind kind, String reason) {
  public enum Kind {
    /** It changed, confirmed or withdrew a vote. */
    ACCEPTED,
    /** Its envelope id was seen before (a replay, or the same event through a second bus). */
    DUPLICATE,
    /** Well-formed but not a signal we count, and why. */
    IGNORED
  }

  public EventOutcome {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
  }

  static EventOutcome accepted(String reason) {
    return new EventOutcome(Kind.ACCEPTED, reason);
  }

  static EventOutcome ignored(String reason) {
    return new EventOutcome(Kind.IGNORED, reason);
  }

  /** "accepted", "duplicate" or "ignored": the metric label value. */
  public String label() {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** {@code "accepted: aws-health open RDS ..."}. */
  @Override
  public String toString() {
    return label() + ": " + reason;
  }
}
