package io.drwatch.adapter.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LinkState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;
import software.amazon.awssdk.services.s3.model.ReplicationStatus;

/** The mappings the moto test cannot reach: moto sets no replication status, and one rule is configured. */
class S3ReplicationStatesTest {
  private static final String WHERE = "s3://src/drwatch/canary/a";

  @Test
  void shouldTreatCompleteAndCompletedAlikeAndPendingAsNormal() {
    assertThat(SourceReplication.of(WHERE, ReplicationStatus.COMPLETE).link()).isEqualTo(LinkState.UP);
    assertThat(SourceReplication.of(WHERE, ReplicationStatus.COMPLETED).link()).isEqualTo(LinkState.UP);
    assertThat(SourceReplication.of(WHERE, ReplicationStatus.PENDING).link()).isEqualTo(LinkState.UP);
    assertThat(SourceReplication.of(WHERE, ReplicationStatus.FAILED).link()).isEqualTo(LinkState.DOWN);
    assertThat(SourceReplication.of(WHERE, null).link()).isEqualTo(LinkState.DOWN);
    assertThat(SourceReplication.of(WHERE, ReplicationStatus.REPLICA).detail()).contains("REPLICA");
  }

  @Test
  void shouldNameADisabledRuleAndARuleToAnotherBucket() {
    ReplicationConfiguration disabled = config(ReplicationRuleStatus.DISABLED, "arn:aws:s3:::dst");
    assertThat(ReplicationRuleCheck.problem(Optional.of(disabled), "src", "crr", "dst"))
        .contains("replication rule crr is Disabled");
    ReplicationConfiguration elsewhere = config(ReplicationRuleStatus.ENABLED, "arn:aws:s3:::other");
    assertThat(ReplicationRuleCheck.problem(Optional.of(elsewhere), "src", "crr", "dst"))
        .contains("replication rule crr replicates to arn:aws:s3:::other, not dst");
    assertThat(ReplicationRuleCheck.problem(Optional.of(config(ReplicationRuleStatus.ENABLED, "arn:aws:s3:::dst")),
        "src", "crr", "dst")).isEmpty();
    assertThat(ReplicationRuleCheck.problem(Optional.empty(), "src", "crr", "dst"))
        .contains("bucket src has no replication configuration");
  }

  @Test
  void shouldRoundTripTheCanaryAndRejectAForeignObject() {
    Heartbeat hb = new Heartbeat(1_795_000_000_123L, Instant.ofEpochMilli(1_795_000_000_123L));
    assertThat(CanaryObject.parse(CanaryObject.body(hb), WHERE)).isEqualTo(hb);
    assertThatThrownBy(() -> CanaryObject.parse("hello".getBytes(StandardCharsets.UTF_8), WHERE))
        .hasMessageContaining(WHERE + " is not a drwatch canary");
  }

  private static ReplicationConfiguration config(ReplicationRuleStatus status, String destination) {
    return ReplicationConfiguration.builder().role("arn:aws:iam::123456789012:role/crr")
        .rules(r -> r.id("crr").status(status).destination(d -> d.bucket(destination))).build();
  }
}
