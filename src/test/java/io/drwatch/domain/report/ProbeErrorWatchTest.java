package io.drwatch.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeErrorWatchTest {
  private static final Optional<String> NONE = Optional.empty();

  @Test
  void shouldYieldAChangeOnlyWhenAChannelsCodeChangesIncludingBackToNone() {
    ProbeErrorWatch watch = new ProbeErrorWatch();
    List<ProbeErrorChange> out = new ArrayList<>();
    String[] codes = {null, "timeout", "timeout", "timeout", "unreachable", null, null, "timeout"};
    for (int i = 0; i < codes.length; i++) {
      Optional<String> code = Optional.ofNullable(codes[i]);
      watch.observe("db", 100 + i, code, code.map(c -> "probe failed: " + c)).ifPresent(out::add);
      watch.observe("cache", 100 + i, NONE, NONE).ifPresent(out::add); // never failed: nothing
    }
    assertThat(out).extracting(ProbeErrorChange::channel, ProbeErrorChange::at, ProbeErrorChange::code,
        ProbeErrorChange::message).containsExactly(
            tuple("db", 101L, Optional.of("timeout"), "probe failed: timeout"),
            tuple("db", 104L, Optional.of("unreachable"), "probe failed: unreachable"),
            tuple("db", 105L, NONE, ""),
            tuple("db", 107L, Optional.of("timeout"), "probe failed: timeout"));
  }

  @Test
  void shouldCapTheStoredMessage() {
    ProbeErrorChange c = new ProbeErrorChange("db", 1, Optional.of("tls"), "x".repeat(2000));
    assertThat(c.message()).hasSize(ProbeErrorChange.MESSAGE_CAP).endsWith("…");
  }

  @Test
  void shouldCountEpisodesByCodeAndEndTheLastAtTheNextChange() {
    ProbeErrors e = ProbeErrors.of(List.of(
        new ProbeErrorChange("db", 30, NONE, ""),
        new ProbeErrorChange("db", 10, Optional.of("timeout"), "t1"),
        new ProbeErrorChange("db", 20, Optional.of("auth"), "denied"),
        new ProbeErrorChange("db", 40, Optional.of("timeout"), "t2")));
    assertThat(e.episodes()).containsExactly(java.util.Map.entry("auth", 1L), java.util.Map.entry("timeout", 2L));
    assertThat(e.total()).isEqualTo(3);
    assertThat(e.last()).contains(new ProbeErrors.Episode("timeout", Instant.ofEpochSecond(40), "t2", Optional.empty()));
    assertThat(ProbeErrors.of(List.of(new ProbeErrorChange("db", 20, Optional.of("auth"), "denied"),
        new ProbeErrorChange("db", 30, NONE, ""))).last().flatMap(ProbeErrors.Episode::ended))
        .contains(Instant.ofEpochSecond(30));
    assertThat(ProbeErrors.of(List.of()).last()).isEmpty();
  }
}
