package io.drwatch.bootstrap;

import io.drwatch.adapter.journal.FileJournal;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.Runbook;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.Trigger;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Configs, statuses and journaled runs for the audit report's tests. */
final class AuditFixtures {
  private AuditFixtures() {}

  static String config(Path state) {
    return """
        observer: { name: audit-test }
        http: { host: 127.0.0.1, port: 0 }
        objectives: { rpo: 5s, rto: 2m }
        channels:
          - name: db
            kind: postgres
            primary: { url: "postgresql://u@127.0.0.1:1/app" }
            replica: { url: "postgresql://u@127.0.0.1:2/app" }
            heartbeat: { interval: 1s }
            objective: { rpo: 2s }
        state: { dir: "%s" }
        """.formatted(state);
  }

  static ChannelStatus status(ChannelStatus base, ChannelCondition condition, Optional<Duration> rpo, Instant at) {
    return status(base, condition, rpo, at, Optional.empty());
  }

  static ChannelStatus status(ChannelStatus base, ChannelCondition condition, Optional<Duration> rpo, Instant at,
      Optional<String> lastError) {
    return new ChannelStatus(base.spec(), condition, rpo, base.resolution(), rpo, LinkState.UNKNOWN, 1, 1,
        Optional.of(at), lastError, condition.name(), at, Duration.ZERO, true, base.rounds() + 1,
        Optional.empty(), false, Optional.empty());
  }

  /** A drill that succeeded and measured RTO and the RPO of {@code db}, journaled in drill-journal.jsonl. */
  static void drill(Vertx vertx, Path state, String runId, Instant at, Duration rto, Duration rpo) throws Exception {
    FailoverRun run = FailoverRun.plan(runId, RunMode.DRILL, Trigger.manual("audit test"),
        Runbook.of(List.of(StepSpec.builder("switch", "webhook").build()), java.util.Set.of("webhook")));
    List<JournalRecord> records = new ArrayList<>();
    FailoverRun.Transition t = run.start(false, at);
    records.add(t.record());
    t = t.run().startStep("switch", at.plusSeconds(1));
    records.add(t.record());
    t = t.run().finishStep("switch", "done", at.plusSeconds(2));
    records.add(t.record());
    t = t.run().finish(at.plusSeconds(2));
    records.add(t.record());
    records.add(t.run().measure(rto, Map.of("db", rpo), at.plusSeconds(2)).record());
    FileJournal journal = FileJournal.create(vertx, state, DrillRig.JOURNAL);
    try {
      for (JournalRecord r : records) {
        journal.append(r, 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } finally {
      journal.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** A clock the test sets; reads are thread-safe. */
  static final class SetClock extends Clock {
    private volatile Instant now;

    SetClock(Instant now) {
      this.now = now;
    }

    void set(Instant t) {
      now = t;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
