package io.drwatch.adapter.aws.elasticache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.model.GlobalReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.GlobalReplicationGroupMember;

/** The replication verdicts from the SDK's model of DescribeGlobalReplicationGroups. */
class ElastiCacheGlobalMembersTest {
  private static GlobalReplicationGroupMember member(String id, String region, String role, String status) {
    return GlobalReplicationGroupMember.builder().replicationGroupId(id).replicationGroupRegion(region).role(role)
        .status(status).build();
  }

  private static ElastiCacheGlobalMembers of(String status, GlobalReplicationGroupMember... members) {
    return ElastiCacheGlobalMembers.of(GlobalReplicationGroup.builder().globalReplicationGroupId("g").status(status)
        .members(members).build());
  }

  @Test
  void primaryOnlyDatastoreReplicatesNothing() {
    ElastiCacheGlobalMembers m = of("primary-only", member("a", "us-east-1", "PRIMARY", "associated"));
    assertThat(m.broken()).hasValue("global datastore g has no SECONDARY member: nothing replicates");
  }

  @Test
  void noPrimaryIsBroken() {
    ElastiCacheGlobalMembers m = of("modifying", member("b", "us-west-2", "SECONDARY", "associated"));
    assertThat(m.broken()).hasValue("global datastore g has no PRIMARY member");
  }

  @Test
  void modifyingWithHealthyMembersStaysUpWithTheStatusInTheDetail() {
    ElastiCacheGlobalMembers m = of("modifying", member("a", "us-east-1", "PRIMARY", "associated"),
        member("b", "us-west-2", "SECONDARY", "associated"), member("c", "eu-west-1", "SECONDARY", "associated"));
    assertThat(m.broken()).isEmpty();
    assertThat(m.detail()).isEqualTo("primary a; global datastore modifying");
    assertThat(m.secondaries()).extracting(ElastiCacheGlobalMembers.Member::replicationGroupId).containsExactly("b", "c");
  }

  @Test
  void associatingSecondaryIsBroken() {
    ElastiCacheGlobalMembers m = of("available", member("a", "us-east-1", "PRIMARY", "associated"),
        member("b", "us-west-2", "SECONDARY", "associating"));
    assertThat(m.broken()).hasValue("global datastore g member b (us-west-2, associating) is not associated");
  }
}
