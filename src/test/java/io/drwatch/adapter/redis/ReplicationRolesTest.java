package io.drwatch.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.redis.ReplicationRoles.Replica;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How redis-replicaof and redis-failover read {@code INFO replication} (Redis 7.0 wording). */
class ReplicationRolesTest {
  private static final ReplicationInfo PRIMARY = ReplicationInfo.parse("""
      # Replication\r
      role:master\r
      connected_slaves:2\r
      slave0:ip=10.0.0.7,port=6379,state=online,offset=1234,lag=0\r
      slave1:ip=10.0.0.8,port=6379,state=wait_bgsave,offset=0,lag=1\r
      master_failover_state:no-failover\r
      master_replid:abc\r
      """);

  private static ReplicationInfo replica(String host, int port, String link, int syncing) {
    return ReplicationInfo.parse("role:slave\nmaster_host:" + host + "\nmaster_port:" + port + "\nmaster_link_status:"
        + link + "\nmaster_sync_in_progress:" + syncing + "\n");
  }

  @Test
  void shouldListTheReplicasOfAPrimaryInOrder() {
    assertThat(ReplicationRoles.replicas(PRIMARY)).containsExactly(new Replica("10.0.0.7", 6379, "online"),
        new Replica("10.0.0.8", 6379, "wait_bgsave"));
    assertThat(ReplicationRoles.describe(PRIMARY))
        .isEqualTo("role:master, replicas [10.0.0.7:6379 (online), 10.0.0.8:6379 (wait_bgsave)]");
  }

  /** Two replicas on one port: only the ip tells them apart, a host name matches neither. */
  @Test
  void shouldFindAReplicaByIpOrAsTheOnlyOneOnItsPort() {
    assertThat(ReplicationRoles.replicaAt(PRIMARY, "10.0.0.8", 6379)).map(Replica::state).contains("wait_bgsave");
    assertThat(ReplicationRoles.replicaAt(PRIMARY, "cache-b.internal", 6379)).isEmpty();
    ReplicationInfo one = ReplicationInfo.parse("role:master\nslave0:ip=127.0.0.1,port=7001,state=online,offset=1,lag=0\n");
    assertThat(ReplicationRoles.replicaAt(one, "localhost", 7001)).map(Replica::ip).contains("127.0.0.1");
    assertThat(ReplicationRoles.replicaAt(one, "127.0.0.1", 7002)).isEmpty();
  }

  @Test
  void shouldFollowOnlyTheNamedPrimaryAndBeSyncedOnlyWithTheLinkUpAndNoSyncLoading() {
    assertThat(ReplicationRoles.follows(replica("10.0.0.5", 6379, "up", 0), "10.0.0.5", 6379)).isTrue();
    assertThat(ReplicationRoles.follows(replica("10.0.0.5", 6379, "up", 0), "10.0.0.5", 6380)).isFalse();
    assertThat(ReplicationRoles.follows(PRIMARY, "10.0.0.5", 6379)).isFalse();
    assertThat(ReplicationRoles.synced(replica("h", 1, "up", 0))).isTrue();
    assertThat(ReplicationRoles.synced(replica("h", 1, "up", 1))).isFalse();
    assertThat(ReplicationRoles.synced(replica("h", 1, "down", 0))).isFalse();
    assertThat(ReplicationRoles.describe(replica("h", 1, "down", 1))).isEqualTo("role:slave of h:1, link down, full sync in progress");
  }

  @Test
  void shouldCallAFailoverAbortedOnlyWhenThePrimaryIsBackWithoutFailoverState() {
    assertThat(RedisFailoverAction.aborted(PRIMARY)).isTrue();
    assertThat(RedisFailoverAction.aborted(ReplicationInfo.parse("role:master\nmaster_failover_state:waiting-for-sync\n")))
        .isFalse();
    assertThat(RedisFailoverAction.aborted(replica("10.0.0.7", 6379, "up", 0))).isFalse();
  }

  @Test
  void shouldSeeTheRolesSwappedOnlyWhenBothSidesAgree() {
    RedisNode url = RedisNode.of(URI.create("redis://10.0.0.5:6379"), Optional.empty(), Optional.empty());
    RedisNode to = RedisNode.of(URI.create("redis://10.0.0.7:6380"), Optional.empty(), Optional.empty());
    ReplicationInfo newPrimary = ReplicationInfo.parse("role:master\nslave0:ip=10.0.0.5,port=6379,state=online\n");
    assertThat(RedisFailoverAction.swapped(replica("10.0.0.7", 6380, "up", 0), newPrimary, url, to)).isTrue();
    assertThat(RedisFailoverAction.swapped(replica("10.0.0.7", 6380, "down", 0), newPrimary, url, to)).isFalse();
    assertThat(RedisFailoverAction.swapped(replica("10.0.0.7", 6380, "up", 0),
        ReplicationInfo.parse("role:master\nslave0:ip=10.0.0.5,port=6379,state=send_bulk\n"), url, to)).isFalse();
    assertThat(RedisFailoverAction.swapped(PRIMARY, newPrimary, url, to)).isFalse();
  }
}
