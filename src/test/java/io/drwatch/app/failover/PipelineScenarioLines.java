package io.drwatch.app.failover;

import io.drwatch.domain.Texts;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.StepSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of a pipeline scenario: lines prefixed by virtual time, with run ids renamed r1, r2
 * in order of appearance and instants of the virtual clock written as virtual times, so that
 * nothing random or wall-clock reaches expected.txt. Lines may arrive from the pipeline's context.
 */
final class PipelineScenarioLines {
  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z");

  private final Instant t0;
  private final Supplier<Duration> now;
  private final Map<String, String> ids = new LinkedHashMap<>();
  private final List<String> lines = new ArrayList<>();

  PipelineScenarioLines(Instant t0, Supplier<Duration> now) {
    this.t0 = t0;
    this.now = now;
  }

  synchronized void add(String text) {
    lines.add(String.format("%7s  %s", PipelineScenario.clock(now.get()), neutral(text)));
  }

  /** A journaled record: its type, run, step and message or reason; its time if not now. */
  synchronized void record(JournalRecord r) {
    if (r instanceof JournalRecord.RunStarted && !ids.containsKey(r.runId())) {
      ids.put(r.runId(), "r" + (ids.size() + 1));
    }
    Duration at = Duration.between(t0, r.at());
    String when = at.equals(now.get()) ? "" : " (at " + PipelineScenario.clock(at) + ")";
    add(r.getClass().getSimpleName() + " " + r.runId() + detail(r) + when);
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  synchronized int size() {
    return lines.size();
  }

  /** The run id as written in the timeline ({@code r1}) to the pipeline's. */
  synchronized String runId(String alias) {
    return ids.entrySet().stream().filter(e -> e.getValue().equals(alias)).map(Map.Entry::getKey)
        .findFirst().orElse(alias);
  }

  /** The pipeline's id of the latest run journaled, or "none". */
  synchronized String latestRunId() {
    return ids.keySet().stream().reduce((a, b) -> b).orElse("none");
  }

  /** Run ids as r1, r2; instants as virtual times. */
  private String neutral(String text) {
    String out = text;
    for (Map.Entry<String, String> e : ids.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    Matcher m = INSTANT.matcher(out);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      Duration d = Duration.between(t0, Instant.parse(m.group()));
      m.appendReplacement(b, Matcher.quoteReplacement(
          d.isNegative() ? m.group() : PipelineScenario.clock(d)));
    }
    return m.appendTail(b).toString();
  }

  private static String detail(JournalRecord r) {
    if (r instanceof JournalRecord.RunStarted s) {
      return " " + s.mode() + " plan=" + String.join(",", s.plan().stream().map(StepSpec::id).toList())
          + " evidence=" + s.trigger().evidence() + (s.awaitingApproval() ? " awaiting approval" : "");
    }
    if (r instanceof JournalRecord.StepStarted s) {
      return " " + s.step() + " attempt " + s.attempt();
    }
    if (r instanceof JournalRecord.StepFact s) {
      return " " + s.step() + ": " + message(s);
    }
    if (r instanceof JournalRecord.RunFinished f) {
      return " " + f.outcome() + (f.reason().isEmpty() ? "" : ": " + f.reason());
    }
    if (r instanceof JournalRecord.RunMeasured m) {
      return " rto " + Texts.duration(m.rto()) + " rpo " + m.rpo();
    }
    if (r instanceof JournalRecord.RunCancelled c) {
      return " by " + c.by() + ": " + c.reason();
    }
    if (r instanceof JournalRecord.RunBlocked b) {
      return " " + b.step() + ": " + b.reason();
    }
    if (r instanceof JournalRecord.RunApproved a) {
      return " by " + a.by();
    }
    if (r instanceof JournalRecord.DataLossAccepted a) {
      return " by " + a.by();
    }
    if (r instanceof JournalRecord.Rearmed a) {
      return " by " + a.by();
    }
    return "";
  }

  private static String message(JournalRecord.StepFact s) {
    if (s instanceof JournalRecord.StepFinished f) {
      return f.message();
    }
    if (s instanceof JournalRecord.StepFailed f) {
      return f.message();
    }
    if (s instanceof JournalRecord.StepSkipped f) {
      return f.message();
    }
    if (s instanceof JournalRecord.StepInterrupted f) {
      return f.message();
    }
    return "";
  }
}
