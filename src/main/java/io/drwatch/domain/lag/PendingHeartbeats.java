package io.drwatch.domain.lag;

import java.util.ArrayDeque;
import java.util.Optional;

/**
 * This observer's heartbeats not yet seen on the replica, oldest first: the oldest one the
 * replica does not show gives the lower bound of the loss window. Bounded: when full, new
 * heartbeats are not kept, so the oldest pending one (the tightest bound) survives a long outage
 * and the bound only loosens after it. Single owner, like the tracker.
 */
public final class PendingHeartbeats {
  private final ArrayDeque<Heartbeat> pending = new ArrayDeque<>();
  private final int capacity;

  public PendingHeartbeats(int capacity) {
    this.capacity = capacity;
  }

  /** Records a heartbeat this observer committed; a sequence that went back starts afresh. */
  public void committed(Heartbeat hb) {
    if (!pending.isEmpty() && pending.peekLast().seq() >= hb.seq()) {
      pending.clear(); // the table was recreated or another primary took over
    }
    if (pending.size() < capacity) {
      pending.addLast(hb);
    }
  }

  /** The oldest pending heartbeat newer than {@code visibleSeq}; older ones are dropped. */
  public Optional<Heartbeat> firstAfter(long visibleSeq) {
    while (!pending.isEmpty() && pending.peekFirst().seq() <= visibleSeq) {
      pending.removeFirst();
    }
    return Optional.ofNullable(pending.peekFirst());
  }

  public int size() {
    return pending.size();
  }
}
