package io.drwatch.adapter.report;

import io.drwatch.domain.report.Charts;
import io.drwatch.domain.report.RunEvidence;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inline SVG for the HTML report: no script, no external asset, so the file is evidence that
 * renders the same anywhere and in ten years. Every mark carries a {@code <title>} (the browser's
 * tooltip) and data attributes that the browser test reads.
 */
final class SvgCharts {
  static final int W = 960;
  static final int PAD_L = 64;
  static final int PAD_R = 12;

  /** Worst conditions warm; names added later fall back to a neutral purple. */
  static final Map<String, String> COLORS = Map.of("HEALTHY", "#2e9e4f", "LAGGING", "#e0a800",
      "STALLED", "#e8590c", "BROKEN", "#c92a2a", "UNPROTECTED", "#862e9c",
      "SOURCE_UNREACHABLE", "#d6336c", "REPLICA_UNREACHABLE", "#f06595", "UNKNOWN", "#868e96");

  private SvgCharts() {}

  static String color(String condition) {
    return COLORS.getOrDefault(condition, "#5f3dc4");
  }

  /** Worst RPO per column as a line, the objective as a dashed line, runs as vertical markers. */
  static String rpo(String channel, Charts c, Charts.ChannelChart chart, List<RunEvidence> runs) {
    int h = 200;
    int top = 10;
    int bottom = h - 24;
    double max = chart.rpo().stream().mapToDouble(p -> Math.max(p.maxMs(), p.objectiveMs())).max().orElse(1000);
    double yMax = Math.max(1, scale(chart, max) * 1.1);
    StringBuilder s = open("chart rpo-chart", channel, h, "RPO of " + channel + " over time");
    axes(s, c, top, bottom, yMax / 1000.0, "RPO s");
    if (max > yMax) {
      s.append("<text class=\"off-scale\" x=\"").append(W - PAD_R).append("\" y=\"").append(top + 26)
          .append("\" text-anchor=\"end\" fill=\"#c92a2a\">peaks cut at the top; worst ")
          .append(String.format(Locale.ROOT, "%.2f s", max / 1000.0)).append("</text>");
    }
    StringBuilder line = new StringBuilder();
    StringBuilder objective = new StringBuilder();
    long previous = Long.MIN_VALUE;
    long previousKnown = Long.MIN_VALUE;
    for (Charts.Point p : chart.rpo()) {
      double x = x(c, p.start());
      double yo = y(p.objectiveMs(), yMax, top, bottom);
      // A gap in the samples is a gap in the lines: nothing was observed there.
      objective.append(p.start() - previous == c.step() ? " L" : " M").append(f(x)).append(',')
          .append(f(yo)).append(" L").append(f(x(c, p.start() + c.step()))).append(',').append(f(yo));
      if (p.maxMs() >= 0) {
        line.append(p.start() - previousKnown == c.step() ? " L" : " M").append(f(x)).append(',')
            .append(f(y(p.maxMs(), yMax, top, bottom)));
        previousKnown = p.start();
      }
      previous = p.start();
    }
    s.append("<path class=\"objective\" d=\"").append(objective.toString().trim())
        .append("\" fill=\"none\" stroke=\"#c92a2a\" stroke-dasharray=\"6 4\" stroke-width=\"1.5\">")
        .append("<title>RPO objective</title></path>");
    s.append("<path class=\"rpo-line\" d=\"").append(line.toString().trim())
        .append("\" fill=\"none\" stroke=\"#1c7ed6\" stroke-width=\"1.5\"/>");
    runMarkers(s, c, runs, top, bottom);
    return s.append("</svg>").toString();
  }

  /**
   * The y range: everything, unless a few columns (an outage's RPO climbing to minutes) would
   * flatten the rest and the objective line to the floor; then four times the objective or the
   * 95th percentile of the columns, whichever is higher, and the peaks are cut and said so.
   */
  static double scale(Charts.ChannelChart chart, double max) {
    double[] columns = chart.rpo().stream().mapToDouble(Charts.Point::maxMs).filter(v -> v >= 0).sorted().toArray();
    double objective = chart.rpo().stream().mapToDouble(Charts.Point::objectiveMs).max().orElse(0);
    double p95 = columns.length == 0 ? 0 : columns[(int) Math.ceil(0.95 * columns.length) - 1];
    double floor = Math.max(objective * 4, p95);
    return floor > 0 && max > floor * 2 ? floor : max;
  }

  /** One coloured band per run of a condition; unobserved time stays blank. */
  static String timeline(String channel, Charts c, Charts.ChannelChart chart) {
    int h = 44;
    StringBuilder s = open("chart condition-timeline", channel, h, "Conditions of " + channel);
    s.append("<rect x=\"").append(PAD_L).append("\" y=\"4\" width=\"").append(W - PAD_L - PAD_R)
        .append("\" height=\"20\" fill=\"#f1f3f5\"><title>not observed</title></rect>");
    for (Charts.Segment seg : chart.conditions()) {
      double x0 = x(c, seg.start());
      double x1 = x(c, Math.min(seg.end(), c.to()));
      s.append("<rect class=\"cond\" data-condition=\"").append(ReportHtml.esc(seg.condition()))
          .append("\" x=\"").append(f(x0)).append("\" y=\"4\" width=\"").append(f(Math.max(0.5, x1 - x0)))
          .append("\" height=\"20\" fill=\"").append(color(seg.condition())).append("\"><title>")
          .append(ReportHtml.esc(seg.condition())).append(' ').append(time(seg.start())).append(" – ")
          .append(time(seg.end())).append("</title></rect>");
    }
    timeLabels(s, c, 38);
    return s.append("</svg>").toString();
  }

  /** Projected RTO per column; columns where it was infinite are red bands. */
  static String rto(Charts c, long objectiveMs, List<RunEvidence> runs) {
    int h = 180;
    int top = 10;
    int bottom = h - 24;
    double max = c.rto().stream().mapToDouble(Charts.RtoPoint::maxMs).max().orElse(0);
    double yMax = Math.max(1, Math.max(max, objectiveMs) * 1.1);
    StringBuilder s = open("chart rto-chart", "", h, "Projected RTO over time");
    axes(s, c, top, bottom, yMax / 1000.0, "RTO s");
    StringBuilder line = new StringBuilder();
    long previous = Long.MIN_VALUE;
    for (Charts.RtoPoint p : c.rto()) {
      if (p.infinite()) {
        s.append("<rect class=\"rto-infinite\" x=\"").append(f(x(c, p.start()))).append("\" y=\"")
            .append(top).append("\" width=\"").append(f(Math.max(1, x(c, p.start() + c.step()) - x(c, p.start()))))
            .append("\" height=\"").append(bottom - top).append("\" fill=\"#ffc9c9\"><title>infinite at ")
            .append(time(p.start())).append("</title></rect>");
      }
      if (p.maxMs() >= 0) {
        boolean joined = p.start() - previous == c.step();
        line.append(joined ? " L" : " M").append(f(x(c, p.start()))).append(',')
            .append(f(y(p.maxMs(), yMax, top, bottom)));
        previous = p.start();
      }
    }
    double yo = y(objectiveMs, yMax, top, bottom);
    s.append("<line class=\"objective\" x1=\"").append(PAD_L).append("\" x2=\"").append(W - PAD_R)
        .append("\" y1=\"").append(f(yo)).append("\" y2=\"").append(f(yo))
        .append("\" stroke=\"#c92a2a\" stroke-dasharray=\"6 4\"><title>RTO objective</title></line>");
    s.append("<path class=\"rto-line\" d=\"").append(line.toString().trim())
        .append("\" fill=\"none\" stroke=\"#1c7ed6\" stroke-width=\"1.5\"/>");
    runMarkers(s, c, runs, top, bottom);
    return s.append("</svg>").toString();
  }

  private static StringBuilder open(String cls, String channel, int h, String label) {
    return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(cls)
        .append("\" data-channel=\"").append(ReportHtml.esc(channel)).append("\" width=\"").append(W)
        .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(W).append(' ').append(h)
        .append("\" role=\"img\" aria-label=\"").append(ReportHtml.esc(label)).append("\">");
  }

  private static void axes(StringBuilder s, Charts c, int top, int bottom, double yMaxSeconds, String unit) {
    s.append("<line x1=\"").append(PAD_L).append("\" x2=\"").append(PAD_L).append("\" y1=\"").append(top)
        .append("\" y2=\"").append(bottom).append("\" stroke=\"#adb5bd\"/><line x1=\"").append(PAD_L)
        .append("\" x2=\"").append(W - PAD_R).append("\" y1=\"").append(bottom).append("\" y2=\"")
        .append(bottom).append("\" stroke=\"#adb5bd\"/>");
    for (int i = 0; i <= 4; i++) {
      double v = yMaxSeconds * i / 4;
      double y = bottom - (bottom - top) * i / 4.0;
      s.append("<text x=\"").append(PAD_L - 6).append("\" y=\"").append(f(y + 4))
          .append("\" text-anchor=\"end\" class=\"tick\">").append(String.format(Locale.ROOT, "%.3g", v))
          .append("</text>");
    }
    s.append("<text x=\"4\" y=\"").append(top + 10).append("\" class=\"tick\">").append(unit).append("</text>");
    timeLabels(s, c, bottom + 16);
  }

  private static void timeLabels(StringBuilder s, Charts c, int y) {
    for (int i = 0; i <= 4; i++) {
      long t = c.from() + (c.to() - c.from()) * i / 4;
      s.append("<text x=\"").append(f(x(c, t))).append("\" y=\"").append(y).append("\" text-anchor=\"")
          .append(i == 0 ? "start" : i == 4 ? "end" : "middle").append("\" class=\"tick\">")
          .append(time(t)).append("</text>");
    }
  }

  private static void runMarkers(StringBuilder s, Charts c, List<RunEvidence> runs, int top, int bottom) {
    for (RunEvidence r : runs) {
      double x = x(c, r.started().getEpochSecond());
      s.append("<g class=\"run-marker\" data-run=\"").append(ReportHtml.esc(r.runId())).append("\"><line x1=\"")
          .append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(top).append("\" y2=\"")
          .append(bottom).append("\" stroke=\"#495057\" stroke-width=\"1\"/><text x=\"").append(f(x + 3))
          .append("\" y=\"").append(top + 10).append("\" class=\"run-label\">").append(ReportHtml.esc(r.mode()))
          .append("</text><title>").append(ReportHtml.esc(r.mode() + " run " + r.runId() + " " + r.outcome()
              + " at " + r.started())).append("</title></g>");
    }
  }

  private static double x(Charts c, long t) {
    double span = Math.max(1, c.to() - c.from());
    return PAD_L + (W - PAD_L - PAD_R) * Math.max(0, Math.min(1, (t - c.from()) / span));
  }

  private static double y(long ms, double yMax, int top, int bottom) {
    return bottom - (bottom - top) * Math.min(1, ms / yMax);
  }

  static String time(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).toString().replace("T", " ").replace("Z", "");
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
