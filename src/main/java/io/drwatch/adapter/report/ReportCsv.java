package io.drwatch.adapter.report;

import io.drwatch.domain.report.AuditReport;
import io.drwatch.domain.report.ChannelFigures;
import io.drwatch.domain.report.ProbeErrors;
import io.drwatch.domain.report.RunEvidence;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The report as CSV (RFC 4180): three tables, each with its own header line, separated by one
 * empty line: channels, runs (one line per run and measured channel), projected RTO. Seconds are
 * decimal numbers; unknown is an empty field.
 */
public final class ReportCsv {
  private ReportCsv() {}

  static final String CHANNELS = "channel,objective_s,window_s,observed_s,within_objective_s,"
      + "percent_within,worst_rpo_s,worst_at,exposed_s,p50_s,p95_s,p99_s,percentiles_exact,"
      + "condition_seconds,probe_error_episodes,last_probe_error_code,last_probe_error_at,"
      + "last_probe_error_message";
  static final String RUNS = "run_id,mode,outcome,started_at,ended_at,rto_s,rto_objective_s,"
      + "rto_met,channel,rpo_s,rpo_objective_s,rpo_met";
  static final String RTO = "rto_objective_s,observed_s,infinite_s,worst_s,worst_at,latest_s";

  public static String render(AuditReport r) {
    StringBuilder out = new StringBuilder(CHANNELS).append("\r\n");
    r.channels().forEach(c -> line(out, channel(c)));
    out.append("\r\n").append(RUNS).append("\r\n");
    for (RunEvidence run : r.runs()) {
      List<String> head = List.of(run.runId(), run.mode(), run.outcome(), run.started().toString(),
          run.ended().map(Object::toString).orElse(""), s(run.rto()), s(run.rtoObjective()),
          b(run.rtoMet()));
      if (run.rpo().isEmpty()) {
        line(out, concat(head, List.of("", "", "", "")));
      }
      run.rpo().forEach((ch, d) -> line(out, concat(head, List.of(ch, s(d),
          s(Optional.ofNullable(run.rpoObjectives().get(ch))), b(run.rpoMet(ch))))));
    }
    out.append("\r\n").append(RTO).append("\r\n");
    AuditReport.RtoFigures f = r.rto();
    line(out, List.of(s(f.objective()), Long.toString(f.observedSeconds()),
        Long.toString(f.infiniteSeconds()), s(f.worst().map(ChannelFigures.Worst::rpo)),
        f.worst().map(w -> w.at().toString()).orElse(""), s(f.latest())));
    return out.toString();
  }

  private static List<String> channel(ChannelFigures c) {
    String conditions = joined(c.conditionSeconds());
    Optional<ProbeErrors.Episode> last = c.probeErrors().last();
    return List.of(c.channel(), s(c.objective()), Long.toString(c.windowSeconds()),
        Long.toString(c.observedSeconds()), Long.toString(c.withinSeconds()),
        Double.isNaN(c.percentWithin()) ? "" : String.format(Locale.ROOT, "%.3f", c.percentWithin()),
        s(c.worst().map(ChannelFigures.Worst::rpo)), c.worst().map(w -> w.at().toString()).orElse(""),
        Long.toString(c.exposedSeconds()), s(c.p50()), s(c.p95()), s(c.p99()),
        Boolean.toString(c.exact()), conditions, joined(c.probeErrors().episodes()),
        last.map(ProbeErrors.Episode::code).orElse(""),
        last.map(l -> l.started().toString()).orElse(""), last.map(ProbeErrors.Episode::message).orElse(""));
  }

  private static String joined(Map<String, Long> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static void line(StringBuilder out, List<String> fields) {
    out.append(fields.stream().map(ReportCsv::quote).collect(Collectors.joining(","))).append("\r\n");
  }

  // Names come from the config: a comma or a quote in one must not shift the columns.
  static String quote(String v) {
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  static String s(Optional<Duration> d) {
    return d.map(ReportCsv::s).orElse("");
  }

  static String s(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
  }

  private static String b(Optional<Boolean> v) {
    return v.map(String::valueOf).orElse("");
  }
}
