package io.drwatch.bootstrap;

import io.drwatch.adapter.aws.AwsRequestCounts;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.port.AwsUsage;
import java.util.List;

/** The AWS adapter's counters and CloudWatch registrations as the {@link AwsUsage} port the metrics and HTTP adapters read. */
record AwsUsageView(AwsRequestCounts counts, CloudWatchReaders cloudWatch) implements AwsUsage {

  @Override
  public List<RequestCount> requests() {
    return counts.snapshot().entrySet().stream()
        .map(e -> new RequestCount(e.getKey().service(), e.getKey().operation(), e.getKey().outcome(), e.getValue()))
        .toList();
  }

  @Override
  public long count(String service, String operation, String outcome) {
    return counts.count(service, operation, outcome);
  }

  @Override
  public long cloudWatchMetricsPerMonth() {
    return cloudWatch.metricsPerMonth();
  }

  @Override
  public double cloudWatchCostPerMonthUsd() {
    return cloudWatch.costPerMonthUsd();
  }
}
