package io.drwatch.adapter.redis;

import static io.drwatch.adapter.redis.ReplicationRoles.describe;
import static io.drwatch.adapter.redis.ReplicationRoles.failoverState;
import static io.drwatch.adapter.redis.ReplicationRoles.isMaster;

import io.drwatch.adapter.redis.RedisFailoverDescriptor.Target;
import io.drwatch.adapter.redis.ReplicationRoles.Replica;
import io.drwatch.adapter.support.Failing;
import io.drwatch.adapter.support.Poll;
import io.drwatch.adapter.support.Poll.Seen;
import io.drwatch.domain.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;

/**
 * {@code redis-failover}: a planned, zero-loss hand-over of a Redis primary's role to its replica
 * with Redis' own {@code FAILOVER TO host port TIMEOUT ms} (Redis 6.2+). Redis pauses writes on the
 * primary, waits until the replica has acknowledged the primary's whole replication offset, then
 * swaps the roles: no acknowledged write can be lost. FORCE, which would swap without that, is never
 * sent; past {@code timeoutMillis} Redis aborts instead and the primary takes writes again.
 *
 * <ul>
 *   <li>check: {@link #swapped}: {@code to} is a primary listing {@code url} as an online replica,
 *       and {@code url} is a replica of it with its link up. The step is skipped.
 *   <li>apply: reads the primary's {@code INFO replication}. Already a replica of {@code to}'s
 *       port, or a failover in progress: applied (a retry after a crash). Otherwise {@code to} must
 *       be an online replica in the primary's list; FAILOVER is sent to the address listed there.
 *       A refusal fails REJECTED with Redis' words.
 *   <li>await: reads both every {@link #POLL_EVERY} until {@link #swapped}, at most
 *       {@code waitSeconds}. A primary back at {@code role:master} with no failover state means
 *       Redis aborted ({@link #aborted}; the replica did not catch up in time): fails TIMEOUT at once.
 * </ul>
 */
public final class RedisFailoverAction extends RedisStepAction<Target> {
  static final Duration POLL_EVERY = Duration.ofMillis(100);

  RedisFailoverAction(Vertx vertx) {
    super(new RedisFailoverDescriptor(), vertx);
  }

  public static RedisFailoverAction create(Vertx vertx) {
    return new RedisFailoverAction(vertx);
  }

  @Override
  protected Future<Boolean> check(Step step, Target t) {
    return both(t).map(pair -> swapped(pair.old(), pair.current(), t.primary(), t.replica()));
  }

  @Override
  protected Future<Void> apply(Step step, Target t) {
    RedisNode primary = t.primary();
    RedisNode replica = t.replica();
    String label = "step " + step.id() + ": " + primary.label();
    return primary.info(vertx).compose(info -> {
      if (!isMaster(info)) {
        return info.fields().getOrDefault("master_port", "").equals(Integer.toString(replica.port()))
            ? Future.<Void>succeededFuture()
            : Failing.with(FailureCode.REJECTED, label + " is not a primary (" + describe(info) + ")");
      }
      if (!"no-failover".equals(failoverState(info))) {
        return Future.succeededFuture();
      }
      return ReplicationRoles.replicaAt(info, replica.host(), replica.port())
          .filter(Replica::online)
          .map(r -> failover("step " + step.id(), primary, r, t.timeoutMillis()))
          .orElseGet(() -> Failing.with(FailureCode.REJECTED, label + ": " + replica.host() + ":" + replica.port()
              + " is not an online replica of it (" + describe(info) + ")"));
    });
  }

  private Future<Void> failover(String step, RedisNode primary, Replica to, int timeoutMillis) {
    Request failover = Request.cmd(Command.FAILOVER).arg("TO").arg(to.ip())
        .arg(Integer.toString(to.port())).arg("TIMEOUT").arg(Integer.toString(timeoutMillis));
    return primary.send(vertx, failover)
        .recover(err -> Failing.under(step + ": FAILOVER refused", err))
        .compose(reply -> reply != null && reply.toString().startsWith("OK") ? Future.<Void>succeededFuture()
            : Failing.with(FailureCode.REJECTED, step + ": " + primary.label() + ": FAILOVER answered " + reply));
  }

  @Override
  protected Future<Void> await(Step step, Target t) {
    RedisNode primary = t.primary();
    RedisNode replica = t.replica();
    String what = "step " + step.id() + ": failover of " + primary.label() + " to " + replica.host() + ":"
        + replica.port();
    return Poll.every(POLL_EVERY, Duration.ofSeconds(t.waitSeconds()))
        .untilSeen(vertx, step.abandoned(), what, () -> primary.info(vertx).compose(old -> aborted(old)
            ? Failing.with(FailureCode.TIMEOUT, what + ": aborted by Redis, the replica did not catch up within "
                + t.timeoutMillis() + " ms; the primary takes writes again")
            : isMaster(old) ? Future.succeededFuture(Seen.notYet("primary " + describe(old)))
            : replica.info(vertx).map(current -> swapped(old, current, primary, replica) ? Seen.done("swapped")
                : Seen.notYet("primary " + describe(old) + "; replica " + describe(current)))))
        .result().mapEmpty();
  }

  /**
   * Read after FAILOVER was accepted: a primary with no failover state has given up (Redis keeps
   * {@code waiting-for-sync} or {@code failover-in-progress} until it is a replica). The replica is
   * asked only once the primary has become a replica: until then it may be the one that stalls.
   */
  static boolean aborted(ReplicationInfo old) {
    return isMaster(old) && "no-failover".equals(failoverState(old));
  }

  /** The old primary follows {@code to} (by port: it was told the address its list had), link up; {@code to} lists it online. */
  static boolean swapped(ReplicationInfo old, ReplicationInfo current, RedisNode url, RedisNode to) {
    boolean oldFollows = "slave".equals(ReplicationRoles.role(old))
        && Integer.toString(to.port()).equals(old.fields().get("master_port")) && ReplicationRoles.synced(old);
    return oldFollows && isMaster(current)
        && ReplicationRoles.replicaAt(current, url.host(), url.port()).filter(Replica::online).isPresent();
  }

  private record Pair(ReplicationInfo old, ReplicationInfo current) {}

  private Future<Pair> both(Target t) {
    return t.primary().info(vertx).compose(old -> t.replica().info(vertx).map(current -> new Pair(old, current)));
  }
}
