package io.drwatch.adapter.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.aws.cloudwatch.Datapoint;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ProviderLag;
import io.drwatch.domain.lag.ReplicaView;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How S3's replication metrics read: latency as the provider's figure, failures as BROKEN. */
class S3ReplicationMetricsTest {
  private static final Instant AT = Instant.parse("2026-11-26T03:00:00Z");

  @Test
  void shouldReportTheLatencyAsTheProvidersFigureWithThePendingCount() {
    ReplicaView v = S3ReplicationMetrics.view(Optional.of(new Datapoint(12.5, AT)), Optional.of(new Datapoint(0, AT)),
        Optional.of(new Datapoint(42, AT)));

    assertThat(v.reported()).contains(new ProviderLag("AWS/S3 ReplicationLatency", Duration.ofMillis(12_500), AT));
    assertThat(v.link()).isEqualTo(LinkState.UNKNOWN);
    assertThat(v.linkDetail()).isEqualTo("replication metrics; 42 operations pending");
    assertThat(v.telemetryMissing()).isFalse();
  }

  @Test
  void shouldBreakTheLinkWhenOperationsFail() {
    ReplicaView v = S3ReplicationMetrics.view(Optional.of(new Datapoint(1, AT)), Optional.of(new Datapoint(3, AT)),
        Optional.empty());

    assertThat(v.link()).isEqualTo(LinkState.DOWN);
    assertThat(v.linkDetail()).isEqualTo("OperationsFailedReplication 3 at 2026-11-26T03:00:00Z");
  }

  @Test
  void shouldBeMissingTelemetryWithoutALatencyDatapoint() {
    ReplicaView v = S3ReplicationMetrics.view(Optional.empty(), Optional.empty(), Optional.empty());

    assertThat(v.telemetryMissing()).isTrue();
    assertThat(v.reported()).isEmpty();
  }
}
