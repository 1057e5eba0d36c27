package io.drwatch.app.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.runbook.JournalRecord.DirectionFlipped;
import io.drwatch.domain.runbook.JournalRecord.ReprotectApplied;
import io.drwatch.domain.runbook.JournalRecord.Reprotected;
import io.drwatch.domain.topology.Topology;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The exposure ends on the first HEALTHY round of a loop reading the rebuilt direction, journaled once. */
class ReprotectConfirmationTest {
  private static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");
  private static final ChannelStatus INITIAL = ChannelStatus.initial(new ChannelSpec("db",
      ChannelKind.POSTGRES, Duration.ofSeconds(1), Duration.ofSeconds(5), 3), T0);

  private final StatusBoard board = new StatusBoard(List.of(INITIAL));
  private final List<Reprotected> written = new ArrayList<>();
  private final List<Promise<Void>> pending = new ArrayList<>();
  private final AtomicBoolean loopReversed = new AtomicBoolean();
  private final AtomicBoolean lease = new AtomicBoolean(true);

  private ReprotectConfirmation confirmation() {
    ReprotectConfirmation c = new ReprotectConfirmation(board, ch -> loopReversed.get(), lease::get, r -> {
      written.add(r);
      Promise<Void> p = Promise.promise();
      pending.add(p);
      return p.future();
    }, Clock.fixed(T0.plusSeconds(700), ZoneOffset.UTC));
    c.watch();
    return c;
  }

  private static ChannelStatus round(ChannelCondition condition) {
    ChannelStatus s = INITIAL;
    return new ChannelStatus(s.spec(), condition, s.rpo(), s.resolution(), s.replicaAge(),
        s.replicaLink(), s.primarySeq(), s.replicaSeq(), s.lastSuccess(), s.lastError(), s.verdict(),
        s.updatedAt(), s.lastProbe(), s.lastProbeOk(), s.rounds() + 1, s.reported(),
        s.telemetryContradicted(), s.warmUp());
  }

  private Topology rebuilt() {
    return Topology.AS_CONFIGURED.after(new DirectionFlipped("r1", List.of("db"), T0))
        .after(new ReprotectApplied("rp", List.of("db"), T0.plusSeconds(600)));
  }

  @Test
  void shouldJournalOnceWhenTheReversedLoopReadsHealthy() {
    confirmation();
    board.topology(rebuilt(), T0.plusSeconds(600));

    board.update(round(ChannelCondition.HEALTHY));
    assertThat(written).as("the old direction's loop still runs").isEmpty();

    loopReversed.set(true);
    board.update(round(ChannelCondition.LAGGING));
    assertThat(written).isEmpty();
    board.update(round(ChannelCondition.HEALTHY));
    board.update(round(ChannelCondition.HEALTHY));
    assertThat(written).as("one record while the first is in flight")
        .containsExactly(new Reprotected("rp", "db", T0.plusSeconds(700)));

    pending.get(0).complete();
    board.topology(board.topology().after(written.get(0)), T0.plusSeconds(700));
    board.update(round(ChannelCondition.HEALTHY));
    assertThat(written).hasSize(1);
    assertThat(board.channel("db").condition()).isEqualTo(ChannelCondition.HEALTHY);
  }

  @Test
  void shouldRetryAfterAFailedWriteAndNeverWriteWithoutTheLease() {
    confirmation();
    board.topology(rebuilt(), T0.plusSeconds(600));
    loopReversed.set(true);
    lease.set(false);

    board.update(round(ChannelCondition.HEALTHY));
    assertThat(written).isEmpty();

    lease.set(true);
    board.update(round(ChannelCondition.HEALTHY));
    pending.get(0).fail("disk full");
    board.update(round(ChannelCondition.HEALTHY));
    assertThat(written).hasSize(2);
  }
}
