package io.drwatch.schema;

import io.drwatch.domain.Require;
import java.time.Duration;

/**
 * What a channel of one kind says besides its params: whether it has endpoints, their url form, and
 * its heartbeat defaults. Self-hosted kinds are two servers with a canary; managed kinds are named
 * by their provider ids in {@code params} and may add a canary through {@code primary}/{@code
 * replica}. Their defaults are slower: a provider metric has a period of a minute, and every read
 * costs money and API quota.
 *
 * @param endpoints whether {@code primary} and {@code replica} are required, optional or not allowed
 * @param form the url form of the endpoints
 * @param interval default {@code heartbeat.interval}
 * @param timeout default {@code heartbeat.timeout}
 * @param stallIntervals default {@code heartbeat.stallIntervals}
 */
public record ChannelShape(Need endpoints, Form form, Duration interval, Duration timeout, int stallIntervals) {

  public enum Need { REQUIRED, OPTIONAL, NONE }

  public enum Form { POSTGRES, REDIS, HTTP }

  public ChannelShape {
    Require.nonNull("endpoints", endpoints, "form", form, "interval", interval, "timeout", timeout);
  }

  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration AWS_TIMEOUT = Duration.ofSeconds(10);

  /** Two servers with a canary, one-second heartbeats. */
  public static ChannelShape selfHosted(Form form) {
    return new ChannelShape(Need.REQUIRED, form, SECOND, SECOND, 3);
  }

  /** An AWS kind: its calls are bounded by 10 s. */
  public static ChannelShape aws(Need endpoints, Form form, Duration interval, int stallIntervals) {
    return new ChannelShape(endpoints, form, interval, AWS_TIMEOUT, stallIntervals);
  }
}
