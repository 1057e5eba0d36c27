package io.drwatch.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the daemon logs.
 *
 * @param quietInterval while no target's phase or signal families change, one verdict summary
 *     line per this interval (default 5m); {@code 0s} logs every detection tick
 */
public record LogConfig(Duration quietInterval) {
  public static final Duration DEFAULT_QUIET_INTERVAL = Duration.ofMinutes(5);

  public LogConfig {
    Objects.requireNonNull(quietInterval, "quietInterval");
  }

  /** What a file without a {@code log} section reads as. */
  public static LogConfig defaults() {
    return new LogConfig(DEFAULT_QUIET_INTERVAL);
  }

  static LogConfig read(Optional<Node> section) {
    if (section.isEmpty()) {
      return defaults();
    }
    Node node = section.get();
    node.rejectUnknown("quietInterval");
    return new LogConfig(node.duration("quietInterval", DEFAULT_QUIET_INTERVAL, false));
  }
}
