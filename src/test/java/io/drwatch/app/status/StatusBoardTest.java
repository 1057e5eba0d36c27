package io.drwatch.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.FailureCode;
import io.drwatch.domain.channel.ChannelKind;
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
}
