package io.drwatch.adapter.redis;

import static io.drwatch.adapter.redis.ReplicationRoles.describe;
import static io.drwatch.adapter.redis.ReplicationRoles.follows;
import static io.drwatch.adapter.redis.ReplicationRoles.synced;

import io.drwatch.adapter.redis.RedisReplicaofDescriptor.Target;
import io.drwatch.adapter.support.Failing;
import io.drwatch.adapter.support.Poll;
import io.drwatch.domain.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;

/**
 * {@code redis-replicaof}: re-protection for Redis, the node (typically the old primary, back after
 * a failover) becomes a replica of the new primary.
 *
 * <ul>
 *   <li>check: the node's {@code INFO replication} says it follows {@code primary} (host and port
 *       as written in the step), link up, no full sync in progress: the step is skipped.
 *   <li>apply: {@code primary} must answer {@code role:master} (re-pointing at a replica or a dead
 *       server would leave the node without its data and nothing to sync from); then
 *       {@code REPLICAOF host port} on the node. Redis answers OK at once and drops the node's data
 *       when the full sync loads: what the node held alone is gone, which is the point of
 *       re-protecting. Again on a node that already follows it, Redis does nothing.
 *   <li>await: polls the node every {@link #POLL_EVERY} until the check holds, at most
 *       {@code waitSeconds}; an unanswered INFO is "not yet" (the node is loading the sync).
 * </ul>
 */
public final class RedisReplicaofAction extends RedisStepAction<Target> {
  static final Duration POLL_EVERY = Duration.ofMillis(200);

  RedisReplicaofAction(Vertx vertx) {
    super(new RedisReplicaofDescriptor(), vertx);
  }

  public static RedisReplicaofAction create(Vertx vertx) {
    return new RedisReplicaofAction(vertx);
  }

  @Override
  protected Future<Boolean> check(Step step, Target t) {
    RedisNode primary = t.primaryNode();
    return t.node().info(vertx).map(info -> following(info, primary));
  }

  @Override
  protected Future<Void> apply(Step step, Target t) {
    RedisNode node = t.node();
    RedisNode primary = t.primaryNode();
    return primary.info(vertx)
        .compose(info -> ReplicationRoles.isMaster(info) ? Future.<Void>succeededFuture()
            : Failing.with(FailureCode.REJECTED, "step " + step.id() + ": " + primary.label()
                + " is not a primary (" + describe(info) + "); " + node.label() + " left as it is"))
        .compose(v -> node.send(vertx, Request.cmd(Command.REPLICAOF).arg(primary.host())
            .arg(Integer.toString(primary.port()))))
        .compose(reply -> reply != null && reply.toString().startsWith("OK") ? Future.<Void>succeededFuture()
            : Failing.with(FailureCode.REJECTED, node.label() + ": REPLICAOF answered " + reply));
  }

  @Override
  protected Future<Void> await(Step step, Target t) {
    RedisNode node = t.node();
    RedisNode primary = t.primaryNode();
    String what = "step " + step.id() + ": " + node.label() + " following " + primary.host() + ":" + primary.port();
    return Poll.every(POLL_EVERY, Duration.ofSeconds(t.waitSeconds())).keepingOnFailure()
        .until(vertx, step.abandoned(), what, () -> node.info(vertx), info -> following(info, primary),
            ReplicationRoles::describe)
        .result().mapEmpty();
  }

  private static boolean following(ReplicationInfo info, RedisNode primary) {
    return follows(info, primary.host(), primary.port()) && synced(info);
  }
}
