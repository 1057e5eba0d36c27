package io.drwatch.app.ingest;

import io.drwatch.domain.event.EventEnvelope;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The one door for EventBridge events, whichever way they came (webhook or SQS). It drops
 * replays by envelope {@code id} across all ways in, hands everything else to the {@link EventSink},
 * and counts every delivery per (source, outcome) for {@code drwatch_events_received_total}.
 *
 * <p>Thread-safe: the webhook and each SQS consumer may run on different event loops. Calls into
 * the sink are serialized, so the sink sees one event at a time.
 */
public final class EventIngest {
  /** Replays within this window are duplicates; EventBridge retries an API destination for up to 24 h. */
  public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
  public static final int DEFAULT_CAPACITY = 10_000;

  private static final int OUTCOMES = ReceiveOutcome.values().length;

  private final EventSink sink;
  private final RecentIds recent;
  private final AtomicLongArray counts = new AtomicLongArray(IngestSource.values().length * OUTCOMES);

  // VisibleForTesting: nanoTime is the seam for the de-duplication window.
  EventIngest(EventSink sink, int capacity, Duration window, LongSupplier nanoTime) {
    this.sink = sink;
    this.recent = new RecentIds(capacity, window, nanoTime);
  }

  /** De-duplicates the last {@value #DEFAULT_CAPACITY} ids seen within {@link #DEFAULT_WINDOW}. */
  public static EventIngest create(EventSink sink) {
    return create(sink, DEFAULT_CAPACITY, DEFAULT_WINDOW);
  }

  public static EventIngest create(EventSink sink, int capacity, Duration window) {
    return new EventIngest(sink, capacity, window, System::nanoTime);
  }

  /**
   * Hands a valid event to the sink unless its id was seen recently. The id is remembered only
   * once the sink returns, so an event the sink failed on (it threw) can be delivered again.
   */
  public IngestOutcome ingest(IngestSource source, EventEnvelope event) {
    IngestOutcome outcome;
    synchronized (this) {
      if (recent.contains(event.id())) {
        outcome = IngestOutcome.DUPLICATE;
      } else {
        outcome = sink.accept(event);
        recent.add(event.id());
      }
    }
    increment(source, ReceiveOutcome.of(outcome));
    return outcome;
  }

  /** Counts a delivery refused before it became an event (malformed, unauthorized, too large, poison). */
  public void reject(IngestSource source, ReceiveOutcome outcome) {
    increment(source, outcome);
  }

  /** Deliveries so far with this source and outcome. */
  public long count(IngestSource source, ReceiveOutcome outcome) {
    return counts.get(index(source, outcome));
  }

  /** Every (source, outcome) pair, zeros included, so each series exists from the start. */
  public Map<IngestSource, Map<ReceiveOutcome, Long>> counts() {
    Map<IngestSource, Map<ReceiveOutcome, Long>> all = new EnumMap<>(IngestSource.class);
    for (IngestSource s : IngestSource.values()) {
      Map<ReceiveOutcome, Long> bySource = new EnumMap<>(ReceiveOutcome.class);
      for (ReceiveOutcome o : ReceiveOutcome.values()) {
        bySource.put(o, count(s, o));
      }
      all.put(s, Collections.unmodifiableMap(bySource));
    }
    return Collections.unmodifiableMap(all);
  }

  private void increment(IngestSource source, ReceiveOutcome outcome) {
    counts.incrementAndGet(index(source, outcome));
  }

  private static int index(IngestSource source, ReceiveOutcome outcome) {
    return source.ordinal() * OUTCOMES + outcome.ordinal();
  }
}
