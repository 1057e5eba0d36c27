package io.drwatch.adapter.aws;

import java.time.Duration;

/**
 * Timeouts shared by every AWS client. {@code apiCallTimeout} bounds a whole call; long polls
 * override it per request. {@code readTimeout} must exceed the longest long poll (SQS: 20 s).
 */
public record AwsSettings(Duration connectTimeout, Duration readTimeout, Duration apiCallTimeout,
    int maxConnections, int eventLoopThreads) {
  public static final AwsSettings DEFAULT = new AwsSettings(
      Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(10), 50, 2);

  public AwsSettings {
    if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()
        || apiCallTimeout.isNegative() || apiCallTimeout.isZero()) {
      throw new IllegalArgumentException("AWS timeouts must be positive: " + this);
    }
    if (maxConnections < 1 || eventLoopThreads < 1) {
      throw new IllegalArgumentException("maxConnections and eventLoopThreads must be at least 1");
    }
  }
}
