package io.drwatch.domain.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The audit report over one window: what {@code drwatch report} and {@code GET /api/v1/report}
 * render as HTML, JSON or CSV.
 *
 * @param tier the store's resolution the figures come from: the finest that holds the window
 * @param runs every run started in the window, from both journals, oldest first
 */
public record AuditReport(Instant generatedAt, Instant from, Instant to, Tier tier,
    List<ChannelFigures> channels, List<RunEvidence> runs, RtoFigures rto, Charts charts) {

  /**
   * The projected RTO over the window.
   *
   * @param worst the worst finite projection and when (bucket start, at coarse tiers)
   * @param infiniteSeconds observed seconds in which a readiness blocker made it infinite
   */
  public record RtoFigures(Duration objective, long observedSeconds, long infiniteSeconds,
      Optional<ChannelFigures.Worst> worst, Optional<Duration> latest) {}

  public AuditReport {
    channels = List.copyOf(channels);
    runs = List.copyOf(runs);
  }

  public long windowSeconds() {
    return Duration.between(from, to).toSeconds();
  }
}
