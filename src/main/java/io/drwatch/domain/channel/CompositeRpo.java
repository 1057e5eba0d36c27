package io.drwatch.domain.channel;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * A restore point is only as consistent as its laggiest channel: the composite RPO is the maximum
 * over channels and the skew is max minus min. If any channel's RPO is unknown, both are unknown,
 * because the exposure of a failover cannot then be bounded.
 */
public record CompositeRpo(Optional<Duration> max, Optional<Duration> skew) {

  public static CompositeRpo of(Collection<ChannelStatus> statuses) {
    if (statuses.isEmpty() || statuses.stream().anyMatch(s -> s.rpo().isEmpty())) {
      return new CompositeRpo(Optional.empty(), Optional.empty());
    }
    Duration max = Duration.ZERO;
    Duration min = null;
    for (ChannelStatus s : statuses) {
      Duration r = s.rpo().orElseThrow();
      max = r.compareTo(max) > 0 ? r : max;
      min = min == null || r.compareTo(min) < 0 ? r : min;
    }
    return new CompositeRpo(Optional.of(max), Optional.of(max.minus(min)));
  }
}
