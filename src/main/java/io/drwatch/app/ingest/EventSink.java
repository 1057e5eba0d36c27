package io.drwatch.app.ingest;

import io.drwatch.domain.event.EventEnvelope;

/**
 * Where validated EventBridge events go; the decision core implements it. {@link EventIngest}
 * calls it one event at a time (never concurrently), on an event-loop thread, so an
 * implementation must only record intent: no I/O, no blocking.
 */
@FunctionalInterface
public interface EventSink {
  /**
   * Records the event. Throwing means "not recorded": the webhook answers 500 and the SQS
   * consumer leaves the message on the queue, so it comes back after its visibility timeout.
   */
  IngestOutcome accept(EventEnvelope event);
}
