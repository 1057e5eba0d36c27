package io.drwatch.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.lag.LinkState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompositeRpoTest {
  private static ChannelStatus withRpo(String name, Duration rpo) {
    ChannelSpec spec = new ChannelSpec(name, ChannelKind.REDIS, Duration.ofSeconds(1), Duration.ZERO, 3);
    ChannelStatus s = ChannelStatus.initial(spec, Instant.EPOCH);
    return new ChannelStatus(spec, ChannelCondition.HEALTHY, Optional.ofNullable(rpo), s.resolution(),
        Optional.empty(), LinkState.UP, 1, 1, Optional.empty(), Optional.empty(), "", Instant.EPOCH,
        Duration.ZERO, true, 1, Optional.empty(), false, Optional.empty());
  }

  @Test
  void shouldTakeMaxAndSpreadOverChannels() {
    CompositeRpo c = CompositeRpo.of(List.of(
        withRpo("a", Duration.ofMillis(300)), withRpo("b", Duration.ofSeconds(2))));
    assertThat(c.max()).contains(Duration.ofSeconds(2));
    assertThat(c.skew()).contains(Duration.ofMillis(1700));
  }

  @Test
  void shouldBeUnknownWhenAnyChannelIsUnknown() {
    CompositeRpo c = CompositeRpo.of(List.of(withRpo("a", Duration.ofMillis(300)), withRpo("b", null)));
    assertThat(c.max()).isEmpty();
    assertThat(c.skew()).isEmpty();
  }
}
