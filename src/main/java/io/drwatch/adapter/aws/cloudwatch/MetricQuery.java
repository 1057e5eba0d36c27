package io.drwatch.adapter.aws.cloudwatch;

import io.drwatch.domain.Require;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * One metric a channel wants read, e.g. {@code AWS/RDS ReplicaLag {DBInstanceIdentifier=db-2}
 * Maximum/60s}. Equal queries from several channels are requested once.
 *
 * @param period a multiple of 60 s for AWS-vended metrics (they have 1-minute resolution)
 */
public record MetricQuery(String namespace, String metric, Map<String, String> dimensions, String stat,
    Duration period) {
  public MetricQuery {
    Require.nonNull("namespace", namespace, "metric", metric, "stat", stat);
    if (period.getSeconds() < 1 || period.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("period must be whole seconds >= 1, was " + period);
    }
    // Sorted, so that equal dimension sets are equal queries whatever order they were given in.
    dimensions = Map.copyOf(new TreeMap<>(dimensions));
  }

  /** Maximum over one-minute periods: the statistic for lag metrics. */
  public static MetricQuery maxPerMinute(String namespace, String metric, Map<String, String> dimensions) {
    return new MetricQuery(namespace, metric, dimensions, "Maximum", Duration.ofMinutes(1));
  }

  /** A metric as ListMetrics names it: its name and full dimension set. */
  public record Found(String metric, Map<String, String> dimensions) {
    public Found {
      dimensions = Map.copyOf(dimensions);
    }
  }

  /** E.g. {@code "AWS/RDS ReplicaLag"}, for status pages and messages. */
  public String label() {
    return namespace + " " + metric;
  }

  MetricStat toMetricStat() {
    Metric m = Metric.builder().namespace(namespace).metricName(metric)
        .dimensions(new TreeMap<>(dimensions).entrySet().stream()
            .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList())
        .build();
    return MetricStat.builder().metric(m).period((int) period.getSeconds()).stat(stat).build();
  }

  @Override
  public String toString() {
    return label() + " " + new TreeMap<>(dimensions) + " " + stat + "/" + period.getSeconds() + "s";
  }
}
