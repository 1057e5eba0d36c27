package io.drwatch.adapter.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.report.ProbeErrorChange;
import io.drwatch.domain.report.RtoSpan;
import io.drwatch.domain.report.Span;
import io.drwatch.domain.report.Tier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleStoreTest {
  private static final long T0 = 1_800_000_000L; // a minute and hour edge: 1.8e9 % 3600 == 0
  private static final Duration OBJ = Duration.ofSeconds(2);

  @TempDir
  Path dir;

  private static Span s(long t, String condition, long rpoMs) {
    return Span.sample("db", t, condition, rpoMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(rpoMs)), OBJ);
  }

  @Test
  void shouldRollCompletedMinutesUpInTheSameWriteAndReadThemBackStitchedToTheRawTail() throws Exception {
    try (SampleStore store = SampleStore.open(dir)) {
      for (long t = T0; t < T0 + 125; t++) {
        String cond = t < T0 + 30 ? "HEALTHY" : t < T0 + 40 ? "BROKEN" : "HEALTHY";
        store.write(List.of(s(t, cond, t == T0 + 35 ? 9000 : 1000 + (t - T0))),
            List.of(RtoSpan.sample(t, Optional.of(Duration.ofSeconds(60)), Duration.ofMinutes(15))));
      }
      try (SampleReader reader = SampleReader.open(dir)) {
        List<Span> minutes = reader.spans(Tier.MINUTE, T0, T0 + 125);
        // Two rolled minutes (3 spans: HEALTHY, BROKEN, HEALTHY of the second) then the raw tail.
        List<Span> rolled = minutes.stream().filter(x -> x.seconds() > 1).toList();
        assertThat(rolled).extracting(Span::start, Span::condition, Span::seconds).containsExactly(
            org.assertj.core.groups.Tuple.tuple(T0, "HEALTHY", 50L),
            org.assertj.core.groups.Tuple.tuple(T0, "BROKEN", 10L),
            org.assertj.core.groups.Tuple.tuple(T0 + 60, "HEALTHY", 60L));
        Span broken = rolled.get(1);
        assertThat(broken.rpoMaxMs()).isEqualTo(9000);
        assertThat(broken.rpoMaxAt()).isEqualTo(T0 + 35);
        assertThat(broken.within()).isZero();
        assertThat(rolled.get(0).within()).isEqualTo(50); // 1000..1049 ms ≤ 2 s, HEALTHY
        assertThat(rolled.get(0).rpo().total()).isEqualTo(50);
        assertThat(minutes.stream().filter(x -> x.seconds() == 1)).hasSize(5)
            .allMatch(x -> x.start() >= T0 + 120);
        assertThat(minutes.stream().mapToLong(Span::seconds).sum()).isEqualTo(125);
        assertThat(reader.rto(Tier.MINUTE, T0, T0 + 125).stream().mapToLong(RtoSpan::seconds).sum())
            .isEqualTo(125);
        assertThat(reader.integrityCheck()).isEqualTo("ok");
      }
    }
  }

  @Test
  void shouldLetAReadOnlyReaderSeeCommittedSecondsWhileTheWriterStaysOpen() throws Exception {
    try (SampleStore store = SampleStore.open(dir)) {
      store.write(List.of(s(T0, "HEALTHY", 500)), List.of());
      try (SampleReader reader = SampleReader.open(dir)) {
        assertThat(reader.spans(Tier.SECOND, T0, T0 + 10)).hasSize(1);
        store.write(List.of(s(T0 + 1, "LAGGING", 5000)), List.of());
        reader.refresh();
        assertThat(reader.spans(Tier.SECOND, T0, T0 + 10)).extracting(Span::condition)
            .containsExactly("HEALTHY", "LAGGING");
      }
    }
  }

  @Test
  void shouldKeepNamesAddedLaterSuchAsANewCondition() throws Exception {
    try (SampleStore store = SampleStore.open(dir)) {
      store.write(List.of(s(T0, "UNPROTECTED", -1)), List.of());
    }
    try (SampleReader reader = SampleReader.open(dir)) {
      assertThat(reader.spans(Tier.SECOND, T0, T0 + 1)).singleElement()
          .satisfies(x -> assertThat(x.condition()).isEqualTo("UNPROTECTED"))
          .satisfies(x -> assertThat(x.worst()).isEmpty());
    }
  }

  @Test
  void shouldPruneEachTierPastItsRetention() throws Exception {
    try (SampleStore store = SampleStore.open(dir)) {
      List<Span> old = new ArrayList<>();
      for (long t = T0; t < T0 + 3; t++) {
        old.add(s(t, "HEALTHY", 100));
      }
      store.write(old, List.of());
      long dayLater = T0 + Duration.ofHours(25).toSeconds();
      store.write(List.of(s(dayLater, "HEALTHY", 100)), List.of());
      try (SampleReader reader = SampleReader.open(dir)) {
        assertThat(reader.spans(Tier.SECOND, T0, dayLater + 1)).extracting(Span::start)
            .containsExactly(dayLater);
        // ...but the rolled-up minute of those first seconds stays.
        assertThat(reader.spans(Tier.MINUTE, T0, T0 + 60)).singleElement()
            .satisfies(x -> assertThat(x.seconds()).isEqualTo(3));
      }
    }
  }

  @Test
  void shouldStoreProbeErrorChangesAndReadThemBackInTheirWindow() throws Exception {
    try (SampleStore store = SampleStore.open(dir)) {
      store.write(List.of(s(T0, "HEALTHY", 100)), List.of(),
          List.of(new ProbeErrorChange("db", T0, Optional.of("timeout"), "timed out after 2s")));
      store.write(List.of(s(T0 + 5, "HEALTHY", 100)), List.of(),
          List.of(new ProbeErrorChange("db", T0 + 5, Optional.empty(), "")));
    }
    try (SampleReader reader = SampleReader.open(dir)) {
      assertThat(reader.probeErrors(T0, T0 + 10)).containsExactly(
          new ProbeErrorChange("db", T0, Optional.of("timeout"), "timed out after 2s"),
          new ProbeErrorChange("db", T0 + 5, Optional.empty(), ""));
      assertThat(reader.probeErrors(T0 + 1, T0 + 5)).isEmpty();
    }
  }

  @Test
  void shouldPruneProbeErrorsPastTheCoarsestRetentionAndBeyondTheRowCap() throws Exception {
    long later = T0 + Tier.HOUR.retention().toSeconds() + 60;
    List<ProbeErrorChange> flapping = new ArrayList<>();
    for (long i = 0; i <= ErrorRows.MAX_ROWS; i++) {
      flapping.add(new ProbeErrorChange("db", later, i % 2 == 0 ? Optional.of("timeout") : Optional.empty(), ""));
    }
    try (SampleStore store = SampleStore.open(dir)) {
      store.write(List.of(s(T0, "HEALTHY", 100)), List.of(),
          List.of(new ProbeErrorChange("db", T0, Optional.of("auth"), "denied")));
      store.write(List.of(s(later, "HEALTHY", 100)), List.of(), flapping);
      store.write(List.of(s(later + 60, "HEALTHY", 100)), List.of()); // rolls a minute: prunes
    }
    try (SampleReader reader = SampleReader.open(dir)) {
      assertThat(reader.probeErrors(T0, T0 + 1)).isEmpty(); // older than two years
      assertThat(reader.probeErrors(later, later + 1)).hasSize((int) ErrorRows.MAX_ROWS);
    }
  }

  @Test
  void shouldReadNoProbeErrorsFromAStoreWrittenBeforeTheTableExisted() throws Exception {
    try (SampleStore store = SampleStore.open(dir)) {
      store.write(List.of(s(T0, "HEALTHY", 100)), List.of());
    }
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + SampleStore.file(dir));
        var st = c.createStatement()) {
      st.execute("DROP TABLE " + SampleSchema.PROBE_ERRORS);
    }
    try (SampleReader reader = SampleReader.open(dir)) {
      assertThat(reader.probeErrors(T0, T0 + 1)).isEmpty();
    }
  }

  @Test
  void shouldRefuseToReadAStoreThatDoesNotExistWithNotFound() {
    assertThatThrownBy(() -> SampleReader.open(dir.resolve("nothing")))
        .isInstanceOfSatisfying(CodedFailure.class, e -> assertThat(e.code()).isEqualTo(FailureCode.NOT_FOUND))
        .hasMessageContaining("samples.db");
  }
}
