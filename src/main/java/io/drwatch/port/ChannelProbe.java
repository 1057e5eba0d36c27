package io.drwatch.port;

import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.ReplicaView;
import io.vertx.core.Future;

/**
 * The two halves of a canary round for one channel kind. Implementations do no timing and no
 * retrying: the probe loop wraps every call with the channel's timeout and classifies failures,
 * so that behaviour is written once for all kinds.
 */
public interface ChannelProbe {

  /**
   * Writes the next heartbeat on the primary and returns it as committed, with the sequence and
   * timestamp the primary itself assigned. Creates the heartbeat table/key if absent.
   */
  Future<Heartbeat> writeHeartbeat();

  /** Reads the newest heartbeat visible on the replica and the replica's view of its link. */
  Future<ReplicaView> readReplica();

  /** Releases connections. */
  Future<Void> close();
}
