package io.drwatch.app.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** First ticks spread over the interval (at most 1 s), so channels started together do not fire in phase. */
class ProbeLoopSpreadTest {

  @Test
  void shouldSpreadTheFirstTicksOfManyChannelsOverTheInterval() {
    int[] perTenth = new int[10];
    IntStream.range(0, 10_000).mapToLong(i -> ProbeLoop.firstDelay(String.format("ch%05d", i), 1000))
        .forEach(d -> {
          assertThat(d).isBetween(0L, 999L);
          assertThat(d % 10).isZero();
          perTenth[(int) (d / 100)]++;
        });
    assertThat(IntStream.of(perTenth).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(800, 1200));
  }

  @Test
  void shouldStartWithinTheIntervalAndWithinOneSecond() {
    assertThat(ProbeLoop.firstDelay("orders-db", 200)).isBetween(0L, 199L);
    assertThat(ProbeLoop.firstDelay("orders-db", 30_000)).isBetween(0L, 999L);
    assertThat(ProbeLoop.firstDelay("orders-db", 1)).isZero();
  }
}
