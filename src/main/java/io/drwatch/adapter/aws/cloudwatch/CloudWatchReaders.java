package io.drwatch.adapter.aws.cloudwatch;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * One {@link CloudWatchReader} per endpoint (region, or region plus override), shared by every
 * channel of the daemon, so that all of a region's metrics go in one GetMetricData per interval.
 * Readers are built on first use; call {@link #reader} from the starting thread (a channel
 * factory), not an event loop: building a client loads classes.
 */
public final class CloudWatchReaders implements AutoCloseable {
  /** AWS-vended metrics have one-minute resolution: polling faster buys nothing but cost. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
  /** Five periods back: CloudWatch commonly publishes 1-minute points 1-3 min late. */
  public static final int DEFAULT_WINDOW_PERIODS = 5;
  /** GetMetricData list price, us-east-1: $0.01 per 1,000 metrics requested. */
  public static final double USD_PER_METRIC = 0.01 / 1000;
  private static final long SECONDS_PER_MONTH = 30L * 24 * 3600;

  private final Vertx vertx;
  private final Supplier<AwsClients> aws;
  private final Duration interval;
  private final int windowPeriods;
  private final Clock clock;
  private final Map<AwsEndpoint, CloudWatchReader> readers = new ConcurrentHashMap<>();

  public CloudWatchReaders(Vertx vertx, Supplier<AwsClients> aws, Duration interval, int windowPeriods, Clock clock) {
    this.vertx = vertx;
    this.aws = aws;
    this.interval = interval;
    this.windowPeriods = windowPeriods;
    this.clock = clock;
  }

  public static CloudWatchReaders withDefaults(Vertx vertx, Supplier<AwsClients> aws) {
    return new CloudWatchReaders(vertx, aws, DEFAULT_INTERVAL, DEFAULT_WINDOW_PERIODS, Clock.systemUTC());
  }

  public CloudWatchReader reader(AwsEndpoint endpoint) {
    return readers.computeIfAbsent(endpoint, e -> new CloudWatchReader(vertx,
        aws.get().configure(CloudWatchAsyncClient.builder(), e).build(), e.region(), interval, windowPeriods, clock));
  }

  /** Metrics requested per month at the current registrations: queries per poll times polls per month. */
  public long metricsPerMonth() {
    return readers.values().stream()
        .mapToLong(r -> r.queryCount() * (SECONDS_PER_MONTH * 1000 / r.interval().toMillis()))
        .sum();
  }

  /** {@link #metricsPerMonth} at list price. */
  public double costPerMonthUsd() {
    return metricsPerMonth() * USD_PER_METRIC;
  }

  @Override
  public void close() {
    readers.values().forEach(CloudWatchReader::close);
    readers.clear();
  }
}
