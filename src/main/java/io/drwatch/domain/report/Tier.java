package io.drwatch.domain.report;

import java.time.Duration;
import java.util.Optional;

/**
 * The store's resolutions, finest first: each keeps buckets of {@code width} for
 * {@code retention}, and each coarser tier is rolled up from the one before it.
 */
public enum Tier {
  SECOND("1s", 1, Duration.ofHours(24)),
  MINUTE("1m", 60, Duration.ofDays(90)),
  HOUR("1h", 3600, Duration.ofDays(730));

  private final String label;
  private final long width;
  private final Duration retention;

  Tier(String label, long width, Duration retention) {
    this.label = label;
    this.width = width;
    this.retention = retention;
  }

  /** {@code 1s}, {@code 1m}, {@code 1h}: also the suffix of the store's table names. */
  public String label() {
    return label;
  }

  /** Bucket width in seconds. */
  public long width() {
    return width;
  }

  public Duration retention() {
    return retention;
  }

  /** Start of the bucket holding {@code epochSecond}. */
  public long bucket(long epochSecond) {
    return Math.floorDiv(epochSecond, width) * width;
  }

  /** The tier rolled up from this one, if any. */
  public Optional<Tier> coarser() {
    return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
  }

  /** The finest tier that still holds a window of {@code length}; the coarsest if none does. */
  public static Tier covering(Duration length) {
    for (Tier t : values()) {
      if (t.retention.compareTo(length) >= 0) {
        return t;
      }
    }
    return HOUR;
  }
}
