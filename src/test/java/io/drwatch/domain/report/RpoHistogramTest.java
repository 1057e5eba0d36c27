package io.drwatch.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RpoHistogramTest {
  @Test
  void shouldPutEveryValueInABucketWhoseUpperEdgeIsAtMost4Point4PercentOrOneMsAbove() {
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      long v = (long) Math.exp(random.nextDouble() * Math.log(4e10));
      long upper = RpoHistogram.upper(RpoHistogram.index(v));
      assertThat(upper).as("value %d", v).isGreaterThanOrEqualTo(v)
          .isLessThanOrEqualTo(Math.max(v + 1, (long) Math.ceil(v * 1.0443)));
      assertThat(RpoHistogram.index(v) == 0 || RpoHistogram.upper(RpoHistogram.index(v) - 1) < v).isTrue();
    }
    assertThat(RpoHistogram.upper(RpoHistogram.index(0))).isZero();
  }

  @Test
  void shouldEncodeAndDecodeToTheSameCounts() {
    RpoHistogram h = RpoHistogram.of(0).plus(RpoHistogram.of(1000)).plus(RpoHistogram.of(1000))
        .plus(RpoHistogram.of(86_400_000L * 365));
    byte[] bytes = h.encode();
    assertThat(RpoHistogram.decode(bytes)).isEqualTo(h);
    assertThat(RpoHistogram.decode(bytes).total()).isEqualTo(4);
    assertThat(bytes.length).isLessThanOrEqualTo(10);
  }
}
