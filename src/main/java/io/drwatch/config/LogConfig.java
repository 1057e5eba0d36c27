package io.drwatch.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the daemon logs.
 *
 * @param quietInterval while no target's phase or signal families change, one verdict summary
 *     line per this interval (default 5m); {@code 0s} logs every detection tick
 * @param format {@code text} or {@code json}; empty leaves it to DRWATCH_LOG_FORMAT (text by
 *     default), which also wins over this key when set
 */
public record LogConfig(Duration quietInterval, Optional<String> format) {
  public static final Duration DEFAULT_QUIET_INTERVAL = Duration.ofMinutes(5);
  private static final Pattern FORMATS = Pattern.compile("text|json");

  public LogConfig {
    Objects.requireNonNull(quietInterval, "quietInterval");
    Objects.requireNonNull(format, "format");
  }

  public LogConfig(Duration quietInterval) {
    this(quietInterval, Optional.empty());
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
    node.rejectUnknown("quietInterval", "format");
    return new LogConfig(node.duration("quietInterval", DEFAULT_QUIET_INTERVAL, false),
        node.matching("format", node.string("format"), FORMATS));
  }
}
