package io.drwatch.app.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.decide.QuorumPolicy;
import io.drwatch.domain.decide.Tilt;
import io.drwatch.domain.round.DetectionSettings;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decision loop's own log, ticked by hand on a fake clock: ten steady minutes at one tick a
 * second write the first verdict and one summary per quiet interval, not 600 lines.
 */
class DecisionLoopQuietLogTest {
  private static final Logger VERDICTS = Logger.getLogger("io.drwatch.verdict");
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      lines.add(r.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final AtomicLong nanos = new AtomicLong();
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = TestVertx.create();
    VERDICTS.addHandler(capture);
  }

  @AfterEach
  void tearDown() throws Exception {
    VERDICTS.removeHandler(capture);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Wall and monotonic time advance together, so TILT stays off. */
  private Clock clock() {
    Instant t0 = Instant.parse("2026-12-07T04:00:00Z");
    return new Clock() {
      @Override
      public Instant instant() {
        return t0.plusNanos(nanos.get());
      }

      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
  }

  private DecisionLoop loop(Duration quietInterval) {
    Clock clock = clock();
    DecisionLoop loop = new DecisionLoop(vertx, "obs-a", 1, List.of(),
        DetectionSettings.of(QuorumPolicy.defaults(), Duration.ofSeconds(1), Duration.ofSeconds(5)),
        new Tilt(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(30)), null, null,
        new StatusBoard(List.of()), new DetectionBoard(), clock, clock, nanos::get);
    if (quietInterval != null) {
      loop.quietInterval(quietInterval);
    }
    return loop;
  }

  private void tenMinutes(DecisionLoop loop) {
    for (int i = 0; i <= 600; i++) {
      loop.tick();
      nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    }
  }

  @Test
  void shouldLogFewerThanTenVerdictLinesInTenSteadyMinutesByDefault() {
    tenMinutes(loop(null));

    assertThat(lines).hasSizeLessThan(10).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("no outage: no detection targets configured");
    assertThat(lines.get(1)).isEqualTo(
        "no outage: no detection targets configured (unchanged for 300s, 300 rounds)");
  }

  @Test
  void shouldLogEveryTickWithAZeroQuietInterval() {
    tenMinutes(loop(Duration.ZERO));

    assertThat(lines).hasSize(601).containsOnly("no outage: no detection targets configured");
  }
}
