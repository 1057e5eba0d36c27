package io.drwatch.domain.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One channel's evidence over the report's window.
 *
 * @param objective the RPO objective configured now (or last sampled, for a channel since removed)
 * @param observedSeconds seconds with a sample; the rest of the window is unobserved, never healthy
 * @param withinSeconds observed seconds HEALTHY with the RPO at or under the objective then in force
 * @param conditionSeconds observed seconds per condition name, worst first
 * @param exposedSeconds seconds BROKEN, STALLED or UNPROTECTED: no usable replica to fail over to
 * @param exact whether the percentiles are exact; else each is its histogram bucket's upper
 *     edge, at most 4.4% over the true value (never under)
 * @param probeErrors the probe-error episodes that began in the window, by failure code
 */
public record ChannelFigures(String channel, Duration objective, long windowSeconds,
    long observedSeconds, long withinSeconds, Optional<Worst> worst,
    Map<String, Long> conditionSeconds, long exposedSeconds, Optional<Duration> p50,
    Optional<Duration> p95, Optional<Duration> p99, boolean exact, ProbeErrors probeErrors) {

  /** The conditions in which a channel has no replica it could fail over to with a known loss. */
  public static final Set<String> EXPOSED = Set.of("BROKEN", "STALLED", "UNPROTECTED");

  public record Worst(Duration rpo, Instant at) {}

  public ChannelFigures {
    conditionSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(conditionSeconds));
  }

  /** Percent of the observed time within the objective; NaN when nothing was observed. */
  public double percentWithin() {
    return observedSeconds == 0 ? Double.NaN : 100.0 * withinSeconds / observedSeconds;
  }

  public long unobservedSeconds() {
    return Math.max(0, windowSeconds - observedSeconds);
  }
}
