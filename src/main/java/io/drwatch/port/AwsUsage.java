package io.drwatch.port;

import java.util.List;

/**
 * What the daemon spends on AWS APIs: every SDK call by service, operation and outcome, and the
 * CloudWatch GetMetricData volume its current channel registrations imply. Lets the metrics and
 * HTTP adapters publish it without depending on the AWS adapter.
 */
public interface AwsUsage {

  /** Outcomes of one SDK call, as exported in {@code drwatch_aws_requests_total{outcome}}. */
  List<String> OUTCOMES = List.of("success", "throttled", "server_error", "client_error", "io_error");

  /** Calls so far of one operation with one outcome. */
  record RequestCount(String service, String operation, String outcome, long count) {}

  /** Every (service, operation, outcome) seen so far; counts only grow. */
  List<RequestCount> requests();

  /** Calls so far for one series; 0 if never seen. */
  long count(String service, String operation, String outcome);

  /** Metrics GetMetricData would request in a 30-day month at the current registrations. */
  long cloudWatchMetricsPerMonth();

  /** {@link #cloudWatchMetricsPerMonth} at list price ($0.01 per 1,000 metrics). */
  double cloudWatchCostPerMonthUsd();

  /** No AWS channels: nothing spent. */
  AwsUsage NONE = new AwsUsage() {
    @Override
    public List<RequestCount> requests() {
      return List.of();
    }

    @Override
    public long count(String service, String operation, String outcome) {
      return 0;
    }

    @Override
    public long cloudWatchMetricsPerMonth() {
      return 0;
    }

    @Override
    public double cloudWatchCostPerMonthUsd() {
      return 0;
    }
  };
}
