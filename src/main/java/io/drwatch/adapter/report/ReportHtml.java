package io.drwatch.adapter.report;

import io.drwatch.domain.report.AuditReport;
import io.drwatch.domain.report.ChannelFigures;
import io.drwatch.domain.report.Charts;
import io.drwatch.domain.report.ProbeErrors;
import io.drwatch.domain.report.RunEvidence;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The report as one self-contained HTML file: inline CSS and SVG, no script, no external asset,
 * so it can be mailed, archived and opened offline as the evidence it is.
 */
public final class ReportHtml {
  private ReportHtml() {}

  private static final String CSS = "body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#212529}"
      + "h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dee2e6}"
      + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #dee2e6;padding:4px 8px;text-align:right}"
      + "th{background:#f8f9fa}td.l,th.l{text-align:left}.met{color:#2b8a3e}.missed{color:#c92a2a;font-weight:600}"
      + ".muted{color:#868e96}.tick{font-size:11px;fill:#495057}.run-label{font-size:11px;fill:#495057}"
      + ".legend span{display:inline-block;margin-right:12px}.legend i{display:inline-block;width:12px;"
      + "height:12px;margin-right:4px;vertical-align:-2px}svg{display:block;margin:6px 0}";

  public static String render(AuditReport r) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>drwatch audit report ")
        .append(esc(SvgCharts.time(r.from().getEpochSecond()))).append(" – ")
        .append(esc(SvgCharts.time(r.to().getEpochSecond()))).append("</title><style>").append(CSS)
        .append("</style></head><body>");
    h.append("<h1>drwatch audit report</h1><p class=\"muted\">Window ")
        .append(SvgCharts.time(r.from().getEpochSecond())).append(" to ")
        .append(SvgCharts.time(r.to().getEpochSecond())).append(" UTC (").append(days(r.windowSeconds()))
        .append("), resolution ").append(r.tier().label()).append(", generated ")
        .append(esc(r.generatedAt().toString())).append(". Percent within objective is of the observed"
            + " time; unobserved time is never counted healthy.</p>");
    summary(h, r);
    h.append("<h2>Runs</h2>");
    runs(h, r);
    h.append("<h2>Projected RTO</h2>");
    rto(h, r);
    for (ChannelFigures c : r.channels()) {
      channel(h, r, c);
    }
    return h.append("</body></html>\n").toString();
  }

  private static void summary(StringBuilder h, AuditReport r) {
    h.append("<h2>Channels</h2><table id=\"channels\"><tr><th class=\"l\">channel</th><th>objective</th>"
        + "<th>within objective</th><th>worst RPO</th><th class=\"l\">worst at (UTC)</th><th>p50</th>"
        + "<th>p95</th><th>p99</th><th>BROKEN / STALLED / UNPROTECTED</th><th>observed</th></tr>");
    for (ChannelFigures c : r.channels()) {
      boolean all = c.observedSeconds() > 0 && c.withinSeconds() == c.observedSeconds();
      h.append("<tr data-channel=\"").append(esc(c.channel())).append("\"><td class=\"l\">")
          .append(esc(c.channel())).append("</td><td>").append(sec(c.objective())).append("</td><td class=\"")
          .append(c.observedSeconds() == 0 ? "muted" : all ? "met" : "missed").append("\" data-percent=\"")
          .append(Double.isNaN(c.percentWithin()) ? "" : String.format(Locale.ROOT, "%.3f", c.percentWithin()))
          .append("\">").append(Double.isNaN(c.percentWithin()) ? "no samples"
              : String.format(Locale.ROOT, "%.2f %%", c.percentWithin()))
          .append("</td><td>").append(sec(c.worst().map(ChannelFigures.Worst::rpo))).append("</td><td class=\"l\">")
          .append(c.worst().map(w -> SvgCharts.time(w.at().getEpochSecond())).orElse("–")).append("</td><td>")
          .append(sec(c.p50())).append("</td><td>").append(sec(c.p95())).append("</td><td>").append(sec(c.p99()))
          .append(c.exact() ? "" : " <span class=\"muted\" title=\"upper bound, at most 4.4% above\">≤</span>")
          .append("</td><td>").append(hms(c.exposedSeconds())).append("</td><td>").append(hms(c.observedSeconds()))
          .append(" of ").append(hms(c.windowSeconds())).append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void runs(StringBuilder h, AuditReport r) {
    if (r.runs().isEmpty()) {
      h.append("<p id=\"no-runs\" class=\"muted\">No run started in this window.</p>");
    }
    h.append("<table id=\"runs\"><tr><th class=\"l\">run</th><th class=\"l\">mode</th><th class=\"l\">outcome</th>"
        + "<th class=\"l\">started (UTC)</th><th>measured RTO</th><th>RTO objective</th>"
        + "<th class=\"l\">measured RPO per channel (objective)</th></tr>");
    for (RunEvidence run : r.runs()) {
      h.append("<tr data-run=\"").append(esc(run.runId())).append("\" data-mode=\"").append(esc(run.mode()))
          .append("\"><td class=\"l\">").append(esc(run.runId())).append("</td><td class=\"l\">")
          .append(esc(run.mode())).append("</td><td class=\"l\">").append(esc(run.outcome()))
          .append("</td><td class=\"l\">").append(SvgCharts.time(run.started().getEpochSecond()))
          .append("</td><td class=\"").append(verdict(run.rtoMet())).append("\">").append(sec(run.rto()))
          .append("</td><td>").append(sec(run.rtoObjective())).append("</td><td class=\"l\">");
      if (run.rpo().isEmpty()) {
        h.append("<span class=\"muted\">not measured</span>");
      }
      run.rpo().forEach((ch, d) -> h.append("<span class=\"").append(verdict(run.rpoMet(ch))).append("\">")
          .append(esc(ch)).append(' ').append(sec(d)).append(" (")
          .append(sec(Optional.ofNullable(run.rpoObjectives().get(ch)))).append(")</span> "));
      h.append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void rto(StringBuilder h, AuditReport r) {
    AuditReport.RtoFigures f = r.rto();
    h.append("<p id=\"rto-figures\">Objective ").append(sec(f.objective())).append("; worst projection ")
        .append(sec(f.worst().map(ChannelFigures.Worst::rpo)))
        .append(f.worst().map(w -> " at " + SvgCharts.time(w.at().getEpochSecond())).orElse(""))
        .append("; infinite (a replica not ready) for ").append(hms(f.infiniteSeconds())).append(" of ")
        .append(hms(f.observedSeconds())).append(" observed; latest ").append(sec(f.latest())).append(".</p>");
    h.append(SvgCharts.rto(r.charts(), f.objective().toMillis(), r.runs()));
  }

  private static void channel(StringBuilder h, AuditReport r, ChannelFigures c) {
    Charts.ChannelChart chart = r.charts().channels().get(c.channel());
    h.append("<h2 id=\"channel-").append(esc(c.channel())).append("\">").append(esc(c.channel())).append("</h2>");
    h.append("<p>RPO over time (worst per ").append(hms(r.charts().step()))
        .append("), the objective dashed, runs as markers:</p>");
    h.append(SvgCharts.rpo(c.channel(), r.charts(), chart, r.runs()));
    h.append("<p>Condition timeline:</p>").append(SvgCharts.timeline(c.channel(), r.charts(), chart));
    h.append("<div class=\"legend\">");
    c.conditionSeconds().forEach((name, s) -> h.append("<span data-condition=\"").append(esc(name))
        .append("\"><i style=\"background:").append(SvgCharts.color(name)).append("\"></i>").append(esc(name))
        .append(' ').append(hms(s)).append("</span>"));
    if (c.unobservedSeconds() > 0) {
      h.append("<span><i style=\"background:#f1f3f5\"></i>not observed ").append(hms(c.unobservedSeconds()))
          .append("</span>");
    }
    h.append("</div>");
    probeErrors(h, c);
  }

  private static void probeErrors(StringBuilder h, ChannelFigures c) {
    ProbeErrors e = c.probeErrors();
    h.append("<p id=\"probe-errors-").append(esc(c.channel())).append("\" data-episodes=\"").append(e.total())
        .append("\">Probe errors: ");
    if (e.total() == 0) {
      h.append("<span class=\"muted\">none began in this window.</span></p>");
      return;
    }
    h.append(e.total()).append(e.total() == 1 ? " episode (" : " episodes (");
    e.episodes().forEach((code, n) -> h.append(esc(code)).append(' ').append(n).append(", "));
    h.setLength(h.length() - 2);
    e.last().ifPresent(l -> h.append("); last ").append(esc(l.code())).append(" at ")
        .append(SvgCharts.time(l.started().getEpochSecond()))
        .append(l.ended().map(t -> ", cleared " + SvgCharts.time(t.getEpochSecond())).orElse(", not cleared"))
        .append(": <code>").append(esc(l.message())).append("</code></p>"));
  }

  private static String verdict(Optional<Boolean> met) {
    return met.map(m -> m ? "met" : "missed").orElse("muted");
  }

  static String sec(Optional<Duration> d) {
    return d.map(ReportHtml::sec).orElse("–");
  }

  static String sec(Duration d) {
    return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
  }

  /** 3725 -> "1h 2m 5s": durations people compare at a glance. */
  static String hms(long seconds) {
    long d = seconds / 86_400;
    long hh = seconds % 86_400 / 3600;
    long m = seconds % 3600 / 60;
    long s = seconds % 60;
    StringBuilder out = new StringBuilder();
    if (d > 0) {
      out.append(d).append("d ");
    }
    if (d > 0 || hh > 0) {
      out.append(hh).append("h ");
    }
    if (d == 0 && (hh > 0 || m > 0)) {
      out.append(m).append("m ");
    }
    if (d == 0 && hh == 0) {
      out.append(s).append('s');
    }
    return out.toString().trim();
  }

  private static String days(long seconds) {
    return seconds % 86_400 == 0 ? seconds / 86_400 + " d" : hms(seconds);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
