package io.drwatch.adapter.aws.sqs;

import io.drwatch.adapter.support.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How a queue is polled.
 *
 * @param waitTime long-poll wait per ReceiveMessage, 1..20 s (SQS's maximum; 0 would spin)
 * @param maxMessages per ReceiveMessage, 1..10
 * @param backoff between failed calls (throttling, 5xx, network); 4xx waits the cap
 * @param deleteAttempts how often a DeleteMessage is tried before the message is left to come back
 *     (it then counts as a duplicate)
 */
public record SqsPolling(Duration waitTime, int maxMessages, Backoff backoff, int deleteAttempts) {
  public static final SqsPolling DEFAULT = new SqsPolling(Duration.ofSeconds(20), 10,
      new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30)), 3);
  /** Time a call gets beyond its long-poll wait. */
  static final Duration CALL_MARGIN = Duration.ofSeconds(10);

  public SqsPolling {
    Objects.requireNonNull(backoff, "backoff");
    if (waitTime.toSeconds() < 1 || waitTime.toSeconds() > 20) {
      throw new IllegalArgumentException("wait must be 1..20 s, was " + waitTime);
    }
    if (maxMessages < 1 || maxMessages > 10) {
      throw new IllegalArgumentException("maxMessages must be 1..10, was " + maxMessages);
    }
    if (deleteAttempts < 1) {
      throw new IllegalArgumentException("deleteAttempts must be at least 1, was " + deleteAttempts);
    }
  }

  public SqsPolling withWaitTime(Duration waitTime) {
    return new SqsPolling(waitTime, maxMessages, backoff, deleteAttempts);
  }

  public SqsPolling withBackoff(Backoff backoff) {
    return new SqsPolling(waitTime, maxMessages, backoff, deleteAttempts);
  }
}
