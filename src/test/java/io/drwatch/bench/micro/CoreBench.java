package io.drwatch.bench.micro;

import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelTracker;
import io.drwatch.domain.decide.Decision;
import io.drwatch.domain.decide.FamilySignal;
import io.drwatch.domain.decide.QuorumPolicy;
import io.drwatch.domain.decide.QuorumState;
import io.drwatch.domain.decide.QuorumView;
import io.drwatch.domain.decide.SignalFamily;
import io.drwatch.domain.decide.TiltStatus;
import io.drwatch.domain.decide.Vote;
import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LagSample;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.Outcome;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.domain.runbook.Readiness;
import io.drwatch.domain.runbook.RtoProjection;
import io.drwatch.domain.runbook.RtoProjector;
import io.drwatch.domain.runbook.Runbook;
import io.drwatch.domain.runbook.StepRecord;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.StepState;
import io.drwatch.spi.KindRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the pure core, run by scripts/bench/micro.sh: one probe round through the
 * channel tracker, one quorum evaluation, one RTO projection of a four-step runbook with history.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CoreBench {
  private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

  private ChannelTracker tracker;
  private long seq;
  private QuorumPolicy policy;
  private QuorumState quorum;
  private List<FamilySignal> signals;
  private Runbook runbook;
  private List<StepRecord> history;

  @Setup
  public void setUp() {
    tracker = new ChannelTracker(new ChannelSpec("orders-db", ChannelKind.REDIS, Duration.ofSeconds(1),
        Duration.ofSeconds(5), 3), T0);
    policy = QuorumPolicy.of(List.of(SignalFamily.PROBES, SignalFamily.REPLICATION, SignalFamily.AWS_HEALTH), 2,
        Duration.ofSeconds(5));
    quorum = QuorumState.initial();
    signals = List.of(
        new FamilySignal(SignalFamily.PROBES, List.of(new Vote(SignalFamily.PROBES, "db", "obs-a", T0, Duration.ZERO, "down")), "up"),
        new FamilySignal(SignalFamily.REPLICATION, List.of(), "none"));
    runbook = Runbook.of(List.of(
        StepSpec.builder("fence-app", "k8s-scale").expected(Duration.ofSeconds(3)).build(),
        StepSpec.builder("promote-db", "pg-promote").expected(Duration.ofSeconds(5)).after("fence-app").build(),
        StepSpec.builder("promote-cache", "redis-promote").expected(Duration.ofSeconds(2)).after("fence-app").build(),
        StepSpec.builder("scale-app", "k8s-scale").expected(Duration.ofSeconds(10)).after("promote-db", "promote-cache").build()),
        KindRegistry.installed().actionNames());
    history = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Instant start = T0.plus(Duration.ofMinutes(i));
      for (String step : List.of("fence-app", "promote-db", "promote-cache", "scale-app")) {
        history.add(new StepRecord(step, StepState.FINISHED, 1, Optional.of(start),
            Optional.of(start.plusMillis(1_000 + 97L * i)), ""));
      }
    }
  }

  /** One healthy probe round: replica 120 ms behind, round took 2 ms. */
  @Benchmark
  public Object trackerUpdate() {
    seq++;
    Instant now = T0.plusSeconds(seq);
    Heartbeat written = new Heartbeat(seq, now);
    Heartbeat visible = new Heartbeat(seq - 1, now.minusMillis(1_120));
    LagSample sample = new LagSample(now, Outcome.ok(ReplicaView.of(visible, LinkState.UP, "link up")),
        Outcome.ok(written), Duration.ofMillis(2));
    return tracker.accept(sample);
  }

  @Benchmark
  public Decision quorumEvaluate() {
    seq++;
    Decision d = policy.evaluate(QuorumView.of(T0.plusMillis(seq), "db", signals, TiltStatus.normal(Duration.ofSeconds(30))), quorum);
    quorum = d.state();
    return d;
  }

  @Benchmark
  public RtoProjection runbookProjection() {
    return RtoProjector.project(runbook, Duration.ofSeconds(8), history, List.<Readiness>of());
  }
}
