package io.drwatch.adapter.metrics;

import io.drwatch.port.AwsUsage;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code drwatch_aws_requests_total{service,operation,outcome}}: every AWS SDK call the daemon
 * made. Operations are only known once called, so {@link #refresh} (run before each scrape)
 * registers new ones, with all five outcomes at once so that rates work from the first scrape.
 */
public final class AwsMetrics implements MeterBinder {
  private final AwsUsage usage;
  private final Set<String> registered = new HashSet<>();
  private MeterRegistry registry;

  public AwsMetrics(AwsUsage usage) {
    this.usage = usage;
  }

  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    this.registry = registry;
    refresh();
  }

  /** Registers the series of operations called since the last refresh. */
  public synchronized void refresh() {
    if (registry == null) {
      return;
    }
    for (AwsUsage.RequestCount c : usage.requests()) {
      if (registered.add(c.service() + " " + c.operation())) {
        for (String outcome : AwsUsage.OUTCOMES) {
          FunctionCounter.builder(MetricNames.AWS_REQUESTS, usage, u -> u.count(c.service(), c.operation(), outcome))
              .description(Descriptions.of(MetricNames.AWS_REQUESTS))
              .tags(MetricNames.TAG_SERVICE, c.service(), MetricNames.TAG_OPERATION, c.operation(),
                  MetricNames.TAG_OUTCOME, outcome)
              .register(registry);
        }
      }
    }
  }
}
