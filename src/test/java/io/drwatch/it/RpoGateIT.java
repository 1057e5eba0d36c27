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
 * The RPO gate on the real lab: a standby further behind than maxDataLoss blocks the promotion
 * until an authenticated operator accepts the loss; unauthenticated approvals change nothing.
 */
@ExtendWith({PostgresPairExtension.class, RedisPairExtension.class})
class RpoGateIT {
  @TempDir
  Path state;

  @Test
  void shouldBlockOnDataLossUntilAnAuthenticatedApproval(PostgresPair pg, RedisPair redis) throws Exception {
    pg.setApplyDelay(Duration.ofSeconds(4));
    try (DaemonHarness d = DaemonHarness.start(FailoverLab.config(pg, redis, state, "auto", "1s"))) {
      Await.until(Duration.ofSeconds(20), () -> d.status("orders-db").rpo()
          .map(r -> r.toMillis() > 3000).orElse(false));
      pg.killPrimary();
      Await.until(Duration.ofSeconds(30), () -> d.runs().stream()
          .anyMatch(r -> r.state() == RunState.BLOCKED_DATA_LOSS));
      FailoverRun blocked = d.runs().get(d.runs().size() - 1);
      assertThat(pg.psqlStandby("select pg_is_in_recovery()")).isEqualTo("t");
      String approve = "/api/v1/runs/" + blocked.runId() + "/approve?acceptDataLoss=true";
      assertThat(d.post(approve, null)).isEqualTo(401);
      assertThat(d.post(approve, "wrong-token")).isEqualTo(403);
      assertThat(d.runs().get(d.runs().size() - 1).state()).isEqualTo(RunState.BLOCKED_DATA_LOSS);
      assertThat(d.post(approve, "failover-it-token")).isEqualTo(202);
      Await.until(Duration.ofSeconds(30), () -> d.runs().get(d.runs().size() - 1).state() == RunState.SUCCEEDED);
      FailoverRun done = d.runs().get(d.runs().size() - 1);
      assertThat(done.dataLossAcceptedBy()).get().asString().startsWith("api@");
      assertThat(pg.psqlStandby("select pg_is_in_recovery()")).isEqualTo("f");
      assertThat(Files.readString(state.resolve("journal.jsonl"))).contains("\"type\":\"data-loss-accepted\"");
    }
  }
}
