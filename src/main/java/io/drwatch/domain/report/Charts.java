package io.drwatch.domain.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the report's pictures draw, already reduced to at most {@link #COLUMNS} columns over the
 * window: a month of 1-minute spans is 43,200 points per channel, more than any screen shows. A
 * column keeps the worst RPO and the worst condition it holds, so a short BROKEN stays visible.
 *
 * @param step column width in seconds, a multiple of the tier's width
 */
public record Charts(long from, long to, long step, Map<String, ChannelChart> channels,
    List<RtoPoint> rto) {

  public static final int COLUMNS = 720;

  /** Worst first; a name not listed (added after this was written) ranks worst of all. */
  static final List<String> SEVERITY = List.of("UNPROTECTED", "BROKEN", "STALLED",
      "SOURCE_UNREACHABLE", "REPLICA_UNREACHABLE", "LAGGING", "UNKNOWN", "HEALTHY");

  /** @param maxMs worst RPO in the column; -1 when none was known */
  public record Point(long start, long maxMs, long objectiveMs) {}

  /** @param end exclusive; adjacent columns of one condition are one segment */
  public record Segment(long start, long end, String condition) {}

  public record ChannelChart(List<Point> rpo, List<Segment> conditions) {}

  /** @param maxMs worst finite projection; -1 when none; {@code infinite} if any second was */
  public record RtoPoint(long start, long maxMs, boolean infinite, long objectiveMs) {}

  public Charts {
    channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    rto = List.copyOf(rto);
  }

  static Charts of(long from, long to, Tier tier, List<String> names, List<Span> spans,
      List<RtoSpan> rto) {
    long columns = Math.max(1, (to - from + tier.width() - 1) / tier.width());
    long perColumn = Math.max(1, (columns + COLUMNS - 1) / COLUMNS);
    long step = perColumn * tier.width();
    Map<String, ChannelChart> out = new LinkedHashMap<>();
    for (String name : names) {
      TreeMap<Long, List<Span>> cols = new TreeMap<>();
      spans.stream().filter(s -> s.channel().equals(name))
          .forEach(s -> cols.computeIfAbsent(column(from, step, s.start()), k -> new ArrayList<>()).add(s));
      out.put(name, chart(cols, step));
    }
    TreeMap<Long, RtoSpan> rtoCols = new TreeMap<>();
    rto.forEach(r -> rtoCols.merge(column(from, step, r.start()),
        new RtoSpan(column(from, step, r.start()), r.seconds(), r.infiniteSeconds(), r.maxMs(),
            r.objectiveMs()), RtoSpan::plus));
    List<RtoPoint> rtoPoints = rtoCols.values().stream()
        .map(r -> new RtoPoint(r.start(), r.maxMs(), r.infinite(), r.objectiveMs())).toList();
    return new Charts(from, to, step, out, rtoPoints);
  }

  private static long column(long from, long step, long t) {
    return from + Math.floorDiv(t - from, step) * step;
  }

  private static ChannelChart chart(TreeMap<Long, List<Span>> cols, long step) {
    List<Point> points = new ArrayList<>();
    List<Segment> segments = new ArrayList<>();
    cols.forEach((start, in) -> {
      long max = in.stream().mapToLong(Span::rpoMaxMs).max().orElse(-1);
      long objective = in.stream().max((a, b) -> Long.compare(a.start(), b.start()))
          .map(Span::objectiveMs).orElse(0L);
      points.add(new Point(start, max, objective));
      String worst = in.stream().map(Span::condition).min((a, b) -> rank(a) - rank(b)).orElseThrow();
      Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
      if (last != null && last.end() == start && last.condition().equals(worst)) {
        segments.set(segments.size() - 1, new Segment(last.start(), start + step, worst));
      } else {
        segments.add(new Segment(start, start + step, worst));
      }
    });
    return new ChannelChart(points, segments);
  }

  static int rank(String condition) {
    int i = SEVERITY.indexOf(condition);
    return i < 0 ? -1 : i;
  }
}
