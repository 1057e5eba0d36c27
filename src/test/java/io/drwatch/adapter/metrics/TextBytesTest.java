package io.drwatch.adapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The exposition's number formats: exact decimals that parse back to what the registry printed. */
class TextBytesTest {
  private static String text(Consumer<TextBytes> write) {
    TextBytes out = new TextBytes(1);
    write.accept(out);
    return StandardCharsets.UTF_8.decode(out.asByteBuffer()).toString();
  }

  @Test
  void shouldPrintDurationsAsExactDecimalsLikeDoubleToStringForRoundValues() {
    assertThat(text(o -> o.seconds(Duration.ofSeconds(5)))).isEqualTo("5.0");
    assertThat(text(o -> o.seconds(Duration.ofMillis(3)))).isEqualTo("0.003");
    assertThat(text(o -> o.seconds(Duration.ZERO))).isEqualTo("0.0");
    assertThat(text(o -> o.seconds(Duration.ofNanos(1)))).isEqualTo("0.000000001");
    assertThat(text(o -> o.seconds(Duration.ofMillis(-1500)))).isEqualTo("-1.5");
    assertThat(text(o -> o.seconds(Optional.empty()))).isEqualTo("NaN");
    assertThat(text(o -> o.nanosAsSeconds(1_796_639_419_996_000_000L))).isEqualTo("1796639419.996");
  }

  @Test
  void shouldParseBackToTheSameDoubleAsNanosOverOneBillion() {
    SplittableRandom random = new SplittableRandom(15);
    for (int i = 0; i < 100_000; i++) {
      long nanos = random.nextLong(1L << 53);
      if (i % 2 == 0) {
        nanos %= 10_000_000_000L; // the usual range: under ten seconds
      }
      long n = nanos;
      assertThat(Double.parseDouble(text(o -> o.nanosAsSeconds(n)))).as("%d ns", n).isEqualTo(n / 1e9);
    }
  }

  @Test
  void shouldPrintIntegers() {
    assertThat(text(o -> o.integer(0).ch(' ').integer(-42).ch(' ').integer(Long.MAX_VALUE)))
        .isEqualTo("0 -42 " + Long.MAX_VALUE);
    assertThat(text(o -> o.integer(Long.MIN_VALUE))).isEqualTo(Long.toString(Long.MIN_VALUE));
  }

  @Test
  void shouldGrowPastItsFirstCapacityAndKeepUtf8() {
    String label = "kanäle-" + "x".repeat(200);
    assertThat(text(o -> o.utf8(label).bytes(TextBytes.ascii("!"), 1))).isEqualTo(label + "!");
  }
}
