package io.drwatch.adapter.aws.elasticache;

import io.drwatch.adapter.aws.GlobalTelemetry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.elasticache.model.GlobalReplicationGroup;

/** Who is primary and who follows in a Global Datastore, from DescribeGlobalReplicationGroups. */
record ElastiCacheGlobalMembers(String group, String status, Optional<Member> primary, List<Member> secondaries,
    List<Member> unhealthy) implements GlobalTelemetry.Members {

  /** Member states in which the member takes part in replication. */
  static final Set<String> HEALTHY = Set.of("associated", "available");

  record Member(String region, String replicationGroupId, String status) {
    String label() {
      return replicationGroupId + " (" + region + ", " + status + ")";
    }
  }

  static ElastiCacheGlobalMembers of(GlobalReplicationGroup g) {
    List<Member> all = g.members().stream()
        .map(m -> new Member(m.replicationGroupRegion(), m.replicationGroupId(), String.valueOf(m.status()))).toList();
    Optional<Member> primary = Optional.empty();
    List<Member> secondaries = new java.util.ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if ("PRIMARY".equalsIgnoreCase(g.members().get(i).role())) {
        primary = Optional.of(primary.orElse(all.get(i))); // the first PRIMARY, should AWS ever list two
      } else {
        secondaries.add(all.get(i));
      }
    }
    List<Member> unhealthy = all.stream().filter(m -> !HEALTHY.contains(m.status())).toList();
    return new ElastiCacheGlobalMembers(g.globalReplicationGroupId(), String.valueOf(g.status()), primary,
        List.copyOf(secondaries), unhealthy);
  }

  String primaryId() {
    return primary.map(Member::replicationGroupId).orElse("none");
  }

  @Override
  public Optional<String> broken() {
    return GlobalTelemetry.Members.broken("global datastore " + group, primary.isPresent(), "PRIMARY member",
        !secondaries.isEmpty(), "SECONDARY member", unhealthy.isEmpty() ? Optional.empty()
            : Optional.of("global datastore " + group + " member " + String.join(", ",
                unhealthy.stream().map(Member::label).toList()) + " is not associated"));
  }

  /** The link detail while replicating: who writes, and the datastore's status when it is not settled. */
  String detail() {
    String s = "primary " + primaryId();
    return "available".equals(status) ? s : s + "; global datastore " + status;
  }
}
