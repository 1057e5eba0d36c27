package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.lab.PostgresPair;
import io.drwatch.lab.RedisPair;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.PostgresPairExtension;
import io.drwatch.testkit.RedisPairExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the real lab failed over: the channel runs the other way with no replica (UNPROTECTED),
 * its DR exposure rises, detection stops declaring about the dead primary, and a restarted
 * daemon still knows the direction from its journal.
 */
@ExtendWith({PostgresPairExtension.class, RedisPairExtension.class})
class TopologyAfterFailoverIT {
  private static final Logger VERDICTS = Logger.getLogger("io.drwatch.verdict");

  @TempDir
  Path state;

  private final List<String> verdicts = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      verdicts.add(r.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void listen() {
    // JUL builds the root's console handler at the first log call; do it here, not on an event loop.
    Logger.getLogger("").getHandlers();
    VERDICTS.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    VERDICTS.removeHandler(capture);
  }

  @Test
  void shouldRunUnprotectedAfterTheFailoverAndRememberItAcrossARestart(PostgresPair pg, RedisPair redis)
      throws Exception {
    String config = FailoverLab.config(pg, redis, state, "auto", "5s");
    double exposedBeforeRestart;
    try (DaemonHarness d = DaemonHarness.start(config)) {
      Await.until(Duration.ofSeconds(15), () -> d.status("orders-db").rpo().isPresent());
      pg.killPrimary();
      Await.until(Duration.ofSeconds(30), () -> d.runs().stream().anyMatch(r -> r.state() == RunState.SUCCEEDED));
      Await.until(Duration.ofSeconds(5), "orders-db UNPROTECTED",
          () -> d.status("orders-db").condition() == ChannelCondition.UNPROTECTED);
      assertThat(d.status("orders-db").verdict()).contains("failed over at", "no DR");
      assertThat(d.status("orders-db").rpo()).as("no replica, no RPO").isEmpty();
      assertThat(d.metric("drwatch_unprotected_channels")).isEqualTo(1.0);

      double first = d.metric("drwatch_dr_exposure_seconds", "channel=orders-db");
      Await.until(Duration.ofSeconds(15), "exposure rising by 5s", () ->
          d.metric("drwatch_dr_exposure_seconds", "channel=orders-db") >= first + 5);
      exposedBeforeRestart = d.metric("drwatch_dr_exposure_seconds", "channel=orders-db");

      // Ten seconds and twenty ticks after the failover, with the old primary still dead.
      List<String> declared = verdicts.stream().filter(l -> l.startsWith("OUTAGE DECLARED")).toList();
      assertThat(declared).as("declared lines in %s", verdicts).hasSizeBetween(1, 3);
      assertThat(verdicts).anyMatch(l -> l.startsWith("db-primary FAILED OVER: ")
          && l.contains("old primary db-primary is fenced/unreachable; no DR"));
      io.vertx.core.json.JsonObject channel = new io.vertx.core.json.JsonObject(d.get("/api/v1/status"))
          .getJsonArray("channels").getJsonObject(0);
      assertThat(channel.getJsonObject("direction").getBoolean("reversed")).isTrue();
      assertThat(channel.getDouble("drExposureSeconds")).isGreaterThanOrEqualTo(first + 5);
    }
    assertThat(Files.readString(state.resolve("journal.jsonl")))
        .contains("\"type\":\"direction-flipped\"", "\"channels\":[\"orders-db\"]");

    try (DaemonHarness again = DaemonHarness.start(config)) {
      Await.until(Duration.ofSeconds(15), "orders-db UNPROTECTED after the restart",
          () -> again.status("orders-db").condition() == ChannelCondition.UNPROTECTED);
      assertThat(again.metric("drwatch_dr_exposure_seconds", "channel=orders-db"))
          .as("the exposure goes on from the journal").isGreaterThan(exposedBeforeRestart);
      assertThat(again.runs()).as("no second failover").hasSize(1);
    }
  }
}
