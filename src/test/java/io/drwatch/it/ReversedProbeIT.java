package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.journal.FileJournal;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.JournalRecord.DirectionFlipped;
import io.drwatch.domain.runbook.JournalRecord.RunFinished;
import io.drwatch.domain.runbook.JournalRecord.RunStarted;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.Trigger;
import io.drwatch.lab.RedisPair;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.RedisPairExtension;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A channel failed over and re-protected the other way, on a real Redis pair whose roles really
 * are swapped (the configured replica is the primary, the configured primary replicates from it):
 * the daemon's probe must write to the configured replica and read the configured primary, find
 * the rebuilt replica HEALTHY, journal {@code reprotected} once and end the exposure.
 */
@ExtendWith(RedisPairExtension.class)
class ReversedProbeIT {
  private static final String CH = "cache";
  private static final String KEY = "drwatch:heartbeat:" + CH;

  @TempDir
  Path state;

  @Test
  void shouldReadTheRebuiltReplicaTheOtherWayAndEndTheExposureOnce(RedisPair redis) throws Exception {
    // What a failover and a redis-replicaof re-protection leave behind.
    redis.cliReplica("REPLICAOF", "NO", "ONE");
    redis.cliPrimary("REPLICAOF", "127.0.0.1", String.valueOf(redis.replicaPort()));
    Await.until(Duration.ofSeconds(10), "the configured primary replicating from the configured replica",
        () -> redis.cliPrimary("INFO", "replication").contains("master_link_status:up"));
    seed(List.of(
        started("r1", RunMode.EXECUTE), finished("r1"), new DirectionFlipped("r1", List.of(CH), at(1)),
        started("rp", RunMode.REPROTECT), finished("rp"),
        new JournalRecord.ReprotectApplied("rp", List.of(CH), at(2))));

    try (DaemonHarness d = DaemonHarness.start(config(redis))) {
      Await.until(Duration.ofSeconds(20), "cache HEALTHY in the reversed direction",
          () -> d.status(CH).condition() == ChannelCondition.HEALTHY);
      assertThat(d.metric("drwatch_unprotected_channels")).isZero();
      assertThat(d.metric("drwatch_dr_exposure_seconds", "channel=" + CH)).isZero();
      JsonObject channel = new JsonObject(d.get("/api/v1/status")).getJsonArray("channels").getJsonObject(0);
      assertThat(channel.getJsonObject("direction").getBoolean("reversed")).isTrue();
      assertThat(channel.getJsonObject("direction").getString("protectedSince")).isNotNull();
      // The heartbeat lands on the configured replica (the real primary) and replicates back.
      String first = redis.cliReplica("HGET", KEY, "seq").trim();
      Await.until(Duration.ofSeconds(5), "the heartbeat advancing on the configured replica",
          () -> !redis.cliReplica("HGET", KEY, "seq").trim().equals(first));
      assertThat(first).isNotEmpty();
      Await.until(Duration.ofSeconds(5), "the heartbeat replicated to the configured primary",
          () -> !redis.cliPrimary("HGET", KEY, "seq").trim().isEmpty());
    }
    assertThat(reprotectedLines()).as("journaled once").isEqualTo(1);

    try (DaemonHarness again = DaemonHarness.start(config(redis))) {
      Await.until(Duration.ofSeconds(20), "cache HEALTHY after a restart, reversed from the journal",
          () -> again.status(CH).condition() == ChannelCondition.HEALTHY);
      again.awaitRounds(CH, 4);
      assertThat(again.status(CH).condition()).isEqualTo(ChannelCondition.HEALTHY);
    }
    assertThat(reprotectedLines()).as("not again after the restart").isEqualTo(1);
  }

  private long reprotectedLines() throws Exception {
    return Files.readAllLines(state.resolve(FileJournal.FILE_NAME)).stream()
        .filter(l -> l.contains("\"type\":\"reprotected\"") && l.contains("\"channel\":\"" + CH + "\"")).count();
  }

  private String config(RedisPair redis) {
    return DaemonHarness.channelYaml("redis", CH, redis.primaryUrl(), redis.replicaUrl(), "250ms") + """
        state: { dir: "%s" }
        runbook:
          token: reversed-it-token
          mode: approval
          maxDataLoss: 5s
          steps:
            - { id: promote-cache, action: redis-promote, channel: %s, timeout: 10s, expected: 1s,
                params: { url: "%s" } }
        """.formatted(state, CH, redis.replicaUrl());
  }

  private void seed(List<JournalRecord> records) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      FileJournal journal = FileJournal.create(vertx, state);
      for (JournalRecord r : records) {
        journal.append(r, 1).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      }
      journal.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  private static Instant at(int minutes) {
    return Instant.now().minusSeconds(3600).plusSeconds(60L * minutes);
  }

  private static RunStarted started(String run, RunMode mode) {
    return new RunStarted(run, mode, Trigger.manual("seeded by the test"),
        List.of(StepSpec.builder("promote-cache", "redis-promote").promote(true).build()), false, at(0));
  }

  private static RunFinished finished(String run) {
    return new RunFinished(run, RunState.SUCCEEDED, "", at(1));
  }
}
