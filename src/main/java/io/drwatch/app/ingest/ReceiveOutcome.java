package io.drwatch.app.ingest;

import java.util.Locale;

/**
 * What happened to one delivery (an HTTP post or an SQS message); the {@code outcome} label of
 * {@code drwatch_events_received_total}. The first three mirror {@link IngestOutcome}, the rest
 * are refusals that never reach the sink.
 */
public enum ReceiveOutcome {
  ACCEPTED,
  DUPLICATE,
  IGNORED,
  /** Webhook: not JSON, or not an EventBridge envelope (HTTP 400). */
  MALFORMED,
  /** Webhook: missing or wrong credentials, or events disabled (HTTP 401/403). */
  UNAUTHORIZED,
  /** Webhook: body over the limit (HTTP 413). */
  TOO_LARGE,
  /** SQS: a message that is not an EventBridge envelope; deleted. */
  POISON;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ReceiveOutcome of(IngestOutcome outcome) {
    return switch (outcome) {
      case ACCEPTED -> ACCEPTED;
      case DUPLICATE -> DUPLICATE;
      case IGNORED -> IGNORED;
    };
  }
}
