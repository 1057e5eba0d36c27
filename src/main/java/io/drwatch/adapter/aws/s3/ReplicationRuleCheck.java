package io.drwatch.adapter.aws.s3;

import java.util.Optional;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;

/**
 * With param {@code replicationRule}: the source bucket's replication configuration must hold that
 * rule, enabled, replicating to the destination bucket. A rule disabled or removed by a deploy
 * shows here at once, instead of after the canary has stalled.
 */
final class ReplicationRuleCheck {
  private ReplicationRuleCheck() {}

  /** The problem, or empty when the rule is fine; {@code config} empty = no configuration at all. */
  static Optional<String> problem(Optional<ReplicationConfiguration> config, String sourceBucket, String ruleId,
      String destinationBucket) {
    if (config.isEmpty()) {
      return Optional.of("bucket " + sourceBucket + " has no replication configuration");
    }
    Optional<ReplicationRule> rule = config.get().rules().stream().filter(r -> ruleId.equals(r.id())).findFirst();
    if (rule.isEmpty()) {
      return Optional.of("replication rule " + ruleId + " not in bucket " + sourceBucket + "'s configuration (rules: "
          + config.get().rules().stream().map(ReplicationRule::id).toList() + ")");
    }
    if (rule.get().status() != ReplicationRuleStatus.ENABLED) {
      return Optional.of("replication rule " + ruleId + " is " + rule.get().statusAsString());
    }
    String target = rule.get().destination() == null ? "" : rule.get().destination().bucket();
    if (!target.equals("arn:aws:s3:::" + destinationBucket) && !target.equals(destinationBucket)) {
      return Optional.of("replication rule " + ruleId + " replicates to " + target + ", not " + destinationBucket);
    }
    return Optional.empty();
  }
}
