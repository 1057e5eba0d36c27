package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.StepState;
import io.drwatch.lab.PostgresPair;
import io.drwatch.lab.RedisPair;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.PostgresPairExtension;
import io.drwatch.testkit.RedisPairExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain on the real lab: the PostgreSQL primary dies, the quorum declares the outage,
 * and in auto mode the pipeline promotes the real standby and the real Redis replica.
 */
@ExtendWith({PostgresPairExtension.class, RedisPairExtension.class})
class FailoverIT {
  @TempDir
  Path state;

  @Test
  void shouldPromoteTheRealStandbyAndReplicaWhenTheOutageIsDeclared(PostgresPair pg, RedisPair redis)
      throws Exception {
    try (DaemonHarness d = DaemonHarness.start(FailoverLab.config(pg, redis, state, "auto", "5s"))) {
      Await.until(Duration.ofSeconds(15), () -> d.status("orders-db").rpo().isPresent());
      long killed = System.nanoTime();
      pg.killPrimary();
      Await.until(Duration.ofSeconds(30), () -> d.runs().stream().anyMatch(r -> r.state() == RunState.SUCCEEDED));
      long ms = (System.nanoTime() - killed) / 1_000_000;
      FailoverRun run = d.runs().get(d.runs().size() - 1);
      System.out.printf("kill -> run %s succeeded after %d ms; steps: %s%n", run.runId(), ms, run.steps().values());
      assertThat(run.step("promote-db").state()).isEqualTo(StepState.FINISHED);
      assertThat(run.step("promote-cache").state()).isEqualTo(StepState.FINISHED);
      assertThat(pg.psqlStandby("select pg_is_in_recovery()")).isEqualTo("f");
      assertThat(pg.psqlStandby("create table after_failover(x int); select 1")).contains("1");
      assertThat(redis.cliReplica("INFO", "replication")).contains("role:master");
      String journal = Files.readString(state.resolve("journal.jsonl"));
      assertThat(journal).contains("\"type\":\"run-finished\"", "\"step\":\"promote-db\"");
      assertThat(d.metric("drwatch_failover_runs_total", "mode=execute", "outcome=succeeded")).isEqualTo(1.0);
    }
  }
}
