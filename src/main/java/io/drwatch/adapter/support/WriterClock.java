package io.drwatch.adapter.support;

import io.drwatch.domain.lag.Heartbeat;
import java.time.Clock;
import java.time.Instant;

/**
 * The time and sequence of the heartbeats a canary writes (an S3 object, an OpenSearch document).
 * The writer time is this daemon's clock, so the RPO ({@code now - writer time}) is read on one
 * clock and no cross-host skew enters it. The sequence is the writer time in milliseconds, forced
 * to increase: it survives restarts without state, and several observers writing the same
 * document stay in one sequence space (up to their mutual clock skew). Not thread-safe: one
 * probe, one context.
 */
public final class WriterClock {
  private final Clock clock;
  private long lastSeq;

  public WriterClock(Clock clock) {
    this.clock = clock;
  }

  /** The next heartbeat: now, to the millisecond, with a sequence above every earlier one. */
  public Heartbeat next() {
    long now = clock.millis();
    lastSeq = Math.max(lastSeq + 1, now);
    return new Heartbeat(lastSeq, Instant.ofEpochMilli(now));
  }
}
