package io.drwatch.domain.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Computes the {@link AuditReport} from spans, RTO spans and runs; reads no clock, does no I/O. */
public final class AuditReports {
  private AuditReports() {}

  /** The report's window: epoch seconds, {@code to} exclusive, {@code from} on a bucket edge. */
  public record Window(long from, long to, Tier tier) {
    /** The last {@code since} up to and including the second {@code now}, at the finest tier holding it. */
    public static Window last(Duration since, Instant now) {
      if (since.isNegative() || since.isZero()) {
        throw new IllegalArgumentException("since must be > 0, but was " + since);
      }
      Tier tier = Tier.covering(since);
      long to = now.getEpochSecond() + 1;
      return new Window(tier.bucket(to - since.toSeconds()), to, tier);
    }
  }

  /**
   * @param objectives the configured channels' RPO objectives, in config order; channels found
   *     only in the samples (since removed) follow, with their last sampled objective
   * @param spans the channels' spans, any tier, the window's or more
   * @param probeErrors the channels' probe error changes, the window's or more
   */
  public static AuditReport compute(Instant generatedAt, Window w, Map<String, Duration> objectives,
      Duration rtoObjective, List<Span> spans, List<RtoSpan> rto, List<RunEvidence> runs,
      List<ProbeErrorChange> probeErrors) {
    List<Span> in = spans.stream().filter(s -> s.start() >= w.from() && s.start() < w.to()).toList();
    List<RtoSpan> rtoIn = rto.stream().filter(s -> s.start() >= w.from() && s.start() < w.to()).toList();
    Set<String> names = new LinkedHashSet<>(objectives.keySet());
    in.forEach(s -> names.add(s.channel()));
    List<ChannelFigures> channels = new ArrayList<>();
    for (String name : names) {
      List<Span> mine = in.stream().filter(s -> s.channel().equals(name)).toList();
      List<ProbeErrorChange> errors = probeErrors.stream()
          .filter(e -> e.channel().equals(name) && e.at() >= w.from() && e.at() < w.to()).toList();
      channels.add(figures(name, objectives.get(name), w.to() - w.from(), mine, errors));
    }
    Instant from = Instant.ofEpochSecond(w.from());
    Instant to = Instant.ofEpochSecond(w.to());
    List<RunEvidence> runsIn = runs.stream()
        .filter(r -> !r.started().isBefore(from) && r.started().isBefore(to))
        .sorted(Comparator.comparing(RunEvidence::started)).toList();
    return new AuditReport(generatedAt, from, to, w.tier(), channels, runsIn,
        rtoFigures(rtoObjective, rtoIn),
        Charts.of(w.from(), w.to(), w.tier(), List.copyOf(names), in, rtoIn));
  }

  static ChannelFigures figures(String name, Duration configured, long window, List<Span> spans,
      List<ProbeErrorChange> errors) {
    long observed = 0;
    long within = 0;
    Span worst = null;
    Map<String, Long> byCondition = new LinkedHashMap<>();
    Percentiles p = new Percentiles();
    for (Span s : spans) {
      observed += s.seconds();
      within += s.within();
      byCondition.merge(s.condition(), s.seconds(), Long::sum);
      p.add(s);
      if (s.rpoMaxMs() >= 0 && (worst == null || s.rpoMaxMs() > worst.rpoMaxMs()
          || (s.rpoMaxMs() == worst.rpoMaxMs() && s.rpoMaxAt() < worst.rpoMaxAt()))) {
        worst = s;
      }
    }
    long exposed = byCondition.entrySet().stream()
        .filter(e -> ChannelFigures.EXPOSED.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    Duration objective = configured != null ? configured : spans.stream()
        .max(Comparator.comparingLong(Span::start)).map(s -> Duration.ofMillis(s.objectiveMs()))
        .orElse(Duration.ZERO);
    Optional<ChannelFigures.Worst> w = Optional.ofNullable(worst).map(s -> new ChannelFigures.Worst(
        Duration.ofMillis(s.rpoMaxMs()), Instant.ofEpochSecond(s.rpoMaxAt())));
    List<Optional<Duration>> q = Percentiles.of(p);
    return new ChannelFigures(name, objective, window, observed, within, w,
        bySeverity(byCondition), exposed, q.get(0), q.get(1), q.get(2), p.exact(),
        ProbeErrors.of(errors));
  }

  private static Map<String, Long> bySeverity(Map<String, Long> byCondition) {
    Map<String, Long> out = new LinkedHashMap<>();
    byCondition.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, Long>>comparingInt(e -> Charts.rank(e.getKey()))
            .thenComparing(Map.Entry::getKey))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  static AuditReport.RtoFigures rtoFigures(Duration objective, List<RtoSpan> rto) {
    long observed = rto.stream().mapToLong(RtoSpan::seconds).sum();
    long infinite = rto.stream().mapToLong(RtoSpan::infiniteSeconds).sum();
    Optional<RtoSpan> worst = rto.stream().filter(r -> r.maxMs() >= 0)
        .max(Comparator.comparingLong(RtoSpan::maxMs).thenComparing(RtoSpan::start, Comparator.reverseOrder()));
    Optional<RtoSpan> last = rto.stream().max(Comparator.comparingLong(RtoSpan::start));
    return new AuditReport.RtoFigures(objective, observed, infinite,
        worst.map(r -> new ChannelFigures.Worst(Duration.ofMillis(r.maxMs()), Instant.ofEpochSecond(r.start()))),
        last.filter(r -> r.maxMs() >= 0 && !r.infinite()).map(r -> Duration.ofMillis(r.maxMs())));
  }
}
