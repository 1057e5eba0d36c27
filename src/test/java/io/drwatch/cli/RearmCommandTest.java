package io.drwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.coordination.LocalExecutorLease;
import io.drwatch.adapter.journal.FileJournal;
import io.drwatch.domain.runbook.FailoverLatch;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.Runbook;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.Trigger;
import io.drwatch.lab.FreePorts;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drwatch rearm} with no daemon answering: it writes the {@code rearmed} record itself,
 * under the state-dir lock, and refuses while another process holds that lock.
 */
class RearmCommandTest {
  private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");
  private final Vertx vertx = TestVertx.create();

  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private Path config() throws Exception {
    Path state = dir.resolve("state");
    return Files.writeString(dir.resolve("drwatch.yaml"), """
        http: { port: %d }
        state: { dir: "%s" }
        channels:
          - { name: db, kind: redis, primary: { url: "redis://127.0.0.1:1" }, replica: { url: "redis://127.0.0.1:2" } }
        runbook:
          token: secret
          steps:
            - { id: promote, action: redis-promote, params: { url: "redis://127.0.0.1:2" }, drill: skip }
        """.formatted(FreePorts.pick(), state));
  }

  /** A journal whose last run is a successful execute run: automatic failover latched off. */
  private void failedOver() throws Exception {
    Runbook rb = Runbook.of(List.of(StepSpec.builder("promote", "redis-promote").build()),
        java.util.Set.of("redis-promote"));
    FailoverRun run = FailoverRun.plan("r1", RunMode.EXECUTE, Trigger.manual("outage"), rb);
    FileJournal journal = FileJournal.create(vertx, dir.resolve("state"));
    for (var step : List.<java.util.function.Function<FailoverRun, FailoverRun.Transition>>of(
        r -> r.start(false, T0), r -> r.startStep("promote", T0), r -> r.finishStep("promote", "ok", T0),
        r -> r.finish(T0))) {
      FailoverRun.Transition t = step.apply(run);
      await(journal.append(t.record(), 3));
      run = t.run();
    }
    await(journal.close());
  }

  private List<JournalRecord> journal() throws Exception {
    FileJournal journal = FileJournal.create(vertx, dir.resolve("state"));
    try {
      return await(journal.readAll());
    } finally {
      await(journal.close());
    }
  }

  private static int rearm(Path config, ByteArrayOutputStream out) {
    PrintStream before = System.out;
    System.setOut(new PrintStream(out, true));
    try {
      return Main.commandLine().execute("rearm", "--config", config.toString(), "--operator", "Jane Doe");
    } finally {
      System.setOut(before);
    }
  }

  @Test
  void shouldJournalTheReArmItselfWhenNoDaemonAnswers() throws Exception {
    Path config = config();
    failedOver();
    assertThat(FailoverLatch.of(journal()).armed()).isFalse();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(rearm(config, out)).isZero();

    assertThat(out.toString()).startsWith("re-armed automatic failover (was: FAILED OVER at " + T0 + " by run r1");
    List<JournalRecord> records = journal();
    assertThat(records).last().isInstanceOfSatisfying(JournalRecord.Rearmed.class, r -> {
      assertThat(r.runId()).isEqualTo("r1");
      assertThat(r.by()).startsWith("Jane Doe@").endsWith(" (drwatch rearm)");
    });
    assertThat(FailoverLatch.of(records).armed()).isTrue();

    ByteArrayOutputStream again = new ByteArrayOutputStream();
    assertThat(rearm(config, again)).isZero();
    assertThat(again.toString()).contains("armed already");
    assertThat(journal()).hasSameSizeAs(records);
  }

  @Test
  void shouldRefuseWhileAnotherProcessHoldsTheStateDir() throws Exception {
    Path config = config();
    failedOver();
    LocalExecutorLease daemon = new LocalExecutorLease(vertx, dir.resolve("state"), "obs-a");
    await(daemon.start());
    try {
      assertThat(rearm(config, new ByteArrayOutputStream())).isNotZero();
      assertThat(FailoverLatch.of(journal()).armed()).as("nothing written").isFalse();
    } finally {
      await(daemon.close());
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
