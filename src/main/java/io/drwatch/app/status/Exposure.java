package io.drwatch.app.status;

import io.drwatch.domain.Texts;
import io.drwatch.domain.topology.ChannelDirection;
import io.drwatch.domain.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The status page's exposure banner: the channels running without DR, since the oldest of their
 * failovers, and what ends it.
 *
 * @param since the oldest failover among them
 * @param longest how long that one has been exposed
 */
public record Exposure(List<String> channels, Instant since, Duration longest) {
  public static final String REMEDY = "drwatch reprotect";

  public Exposure {
    channels = List.copyOf(channels);
  }

  /** Empty while every channel has a replica. */
  public static Optional<Exposure> of(Topology topology, Instant now) {
    List<ChannelDirection> exposed = topology.unprotected().stream()
        .map(c -> topology.direction(c).orElseThrow()).toList();
    return exposed.stream().min(Comparator.comparing(ChannelDirection::failedOverAt)).map(oldest ->
        new Exposure(exposed.stream().map(ChannelDirection::channel).toList(), oldest.failedOverAt(),
            oldest.exposure(now)));
  }

  /** "Running without DR since 2026-12-07T03:12:00Z (42m): lab-postgres, lab-redis — run drwatch reprotect". */
  public String line() {
    return "Running without DR since " + since.truncatedTo(ChronoUnit.SECONDS) + " ("
        + Texts.duration(longest.truncatedTo(ChronoUnit.SECONDS)) + "): " + String.join(", ", channels)
        + " \u2014 run " + REMEDY;
  }
}
