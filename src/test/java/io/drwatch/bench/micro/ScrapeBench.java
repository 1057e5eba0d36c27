package io.drwatch.bench.micro;

import io.drwatch.adapter.metrics.ChannelMetrics;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The per-channel part of a scrape (ChannelMetrics.render, to bytes), rendered for N channels. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = "-Xmx512m")
@State(Scope.Thread)
public class ScrapeBench {
  @Param({"2000", "10000"})
  public int channels;

  private ChannelMetrics metrics;

  @Setup
  public void setUp() {
    List<ChannelStatus> initial = new ArrayList<>();
    for (int i = 0; i < channels; i++) {
      initial.add(ChannelStatus.initial(new ChannelSpec(String.format("ch%05d", i), ChannelKind.REDIS,
          Duration.ofSeconds(1), Duration.ofSeconds(10), 3), Instant.now()));
    }
    StatusBoard board = new StatusBoard(initial);
    metrics = new ChannelMetrics(board, "bench");
    initial.forEach(board::update);
  }

  @Benchmark
  public int channelFamilies() {
    return metrics.render("").remaining();
  }
}
