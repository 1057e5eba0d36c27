package io.drwatch.adapter.metrics;

import io.drwatch.app.ingest.EventIngest;
import io.drwatch.app.ingest.IngestSource;
import io.drwatch.app.ingest.ReceiveOutcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code drwatch_events_received_total{source,outcome}}: EventBridge deliveries by way in
 * ({@code webhook}, {@code sqs}) and what became of them. Reads {@link EventIngest}'s counters at
 * scrape time; every pair is registered up front, so rates work from the first scrape.
 */
public final class EventMetrics implements MeterBinder {
  private final EventIngest ingest;

  public EventMetrics(EventIngest ingest) {
    this.ingest = ingest;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (IngestSource source : IngestSource.values()) {
      for (ReceiveOutcome outcome : ReceiveOutcome.values()) {
        FunctionCounter.builder(MetricNames.EVENTS_RECEIVED, ingest, i -> i.count(source, outcome))
            .description(Descriptions.of(MetricNames.EVENTS_RECEIVED))
            .tags(MetricNames.TAG_SOURCE, source.label(), MetricNames.TAG_OUTCOME, outcome.label())
            .register(registry);
      }
    }
  }
}
