package io.drwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;


import io.drwatch.lab.PostgresPair;
import io.drwatch.lab.RedisPair;
import io.drwatch.testkit.Cli;
import io.drwatch.testkit.Cli.Result;
import io.drwatch.testkit.PostgresPairExtension;
import io.drwatch.testkit.RedisPairExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's own config, as `drwatch lab` writes it, through the packaged jar: `plan` prints the
 * DAG and critical path, `drill` promotes the real standby and replica, prints progress and the
 * measured RTO/RPO, journals them in the drill journal, and the next `plan` projects from the
 * measured durations.
 */
@ExtendWith({PostgresPairExtension.class, RedisPairExtension.class})
class LabRunbookIT {
  @TempDir
  Path dir;

  private static Result drwatch(String... args) throws IOException, InterruptedException {
    return Cli.drwatch(Duration.ofSeconds(90), args);
  }

  @Test
  void shouldPlanThenDrillTheLabRunbookAgainstTheRealServers(PostgresPair pg, RedisPair redis) throws Exception {
    Path state = dir.resolve("state");
    Path config = Files.writeString(dir.resolve("drwatch.yaml"),
        LabConfig.yaml(pg, redis, 0, Duration.ofMillis(500), state, "approval", "lab-it-token"));

    Result plan = drwatch("plan", "--config", config.toString());
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("promote-db", "pg-promote", "promote-cache", "redis-promote")
        .contains("critical path: promote-db -> promote-cache (3s)");

    Result drill = drwatch("drill", "--config", config.toString());
    assertThat(drill.exit()).as(drill.out() + drill.err()).isZero();
    assertThat(drill.out()).containsPattern("\\[\\+[0-9.]+m?s\\] promote-db +finished")
        .containsPattern("\\[\\+[0-9.]+m?s\\] promote-cache +finished")
        .containsPattern("measured RTO: [0-9.]+m?s")
        .containsPattern("measured RPO at promotion \\(canary\\): lab-postgres [0-9.]+m?s");
    assertThat(pg.psqlStandby("select pg_is_in_recovery()")).isEqualTo("f");
    assertThat(redis.cliReplica("INFO", "replication")).contains("role:master");
    String journal = Files.readString(state.resolve("drill-journal.jsonl"));
    assertThat(journal).contains("\"type\":\"run-measured\"", "\"lab-postgres\":\"PT");
    assertThat(state.resolve("journal.jsonl")).as("a drill never writes the production journal").doesNotExist();

    // One measured sample per step: the projection counts it, and switches to p95 from the third.
    Result replanned = drwatch("plan", "--config", config.toString());
    assertThat(replanned.out()).contains("history: 0 runs in the journal (drills in drill-journal.jsonl)")
        .containsPattern("promote-db +pg-promote +2s +expected\\(1\\)");
  }
}
