package io.drwatch.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.FailureCode;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ConditionChanged;
import io.drwatch.domain.runbook.JournalRecord.DirectionFlipped;
import io.drwatch.domain.topology.Topology;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A probe error's code stands beside the channel's last error, and goes with it. */
class StatusBoardTest {
  private static final ChannelStatus HEALTHY = ChannelStatus.initial(new ChannelSpec("db",
      ChannelKind.POSTGRES, Duration.ofSeconds(1), Duration.ofSeconds(5), 3), Instant.EPOCH);

  private static ChannelStatus withError(Optional<String> error) {
    ChannelStatus s = HEALTHY;
    return new ChannelStatus(s.spec(), s.condition(), s.rpo(), s.resolution(), s.replicaAge(),
        s.replicaLink(), s.primarySeq(), s.replicaSeq(), s.lastSuccess(), error, s.verdict(),
        s.updatedAt(), s.lastProbe(), s.lastProbeOk(), s.rounds(), s.reported(),
        s.telemetryContradicted(), s.warmUp());
  }

  @Test
  void shouldKeepTheLastErrorsCodeUntilARoundFullySucceeds() {
    StatusBoard board = new StatusBoard(List.of(HEALTHY));
    List<FailureCode> counted = new java.util.ArrayList<>();
    board.onProbeError((channel, code) -> counted.add(code));

    board.probeError("db", FailureCode.THROTTLED);
    board.update(withError(Optional.of("throttled by RDS")));
    assertThat(board.lastErrorCode("db")).contains(FailureCode.THROTTLED);
    assertThat(counted).containsExactly(FailureCode.THROTTLED);

    board.update(withError(Optional.empty()));
    assertThat(board.lastErrorCode("db")).isEmpty();
  }

  @Test
  void shouldReadAFailedOverChannelAsUnprotectedFromTheFlipOn() {
    StatusBoard board = new StatusBoard(List.of(HEALTHY));
    List<ChannelStatus> heard = new java.util.ArrayList<>();
    board.onUpdate(heard::add);
    Instant at = Instant.parse("2026-12-07T05:00:00Z");
    Topology flipped = Topology.AS_CONFIGURED.after(new DirectionFlipped("r1", List.of("db"), at));

    List<ConditionChanged> changes = board.topology(flipped, at);
    assertThat(changes).extracting(ConditionChanged::verdictLine).containsExactly(
        "db UNKNOWN -> UNPROTECTED: failed over at " + at + " by run r1; old primary is fenced/unreachable; no DR");
    assertThat(board.channel("db").condition()).isEqualTo(ChannelCondition.UNPROTECTED);
    assertThat(board.unprotected("db")).isTrue();
    assertThat(board.recentVerdicts()).hasSize(1);

    board.update(withError(Optional.of("connection refused")));
    assertThat(board.channel("db").condition()).as("the next probe round too").isEqualTo(ChannelCondition.UNPROTECTED);
    assertThat(heard).extracting(ChannelStatus::condition).containsExactly(ChannelCondition.UNPROTECTED);

    board.topology(flipped.reprotected("db", at.plusSeconds(60)), at.plusSeconds(60));
    assertThat(board.channel("db").condition()).as("what the probe said").isEqualTo(ChannelCondition.UNKNOWN);
  }
}
