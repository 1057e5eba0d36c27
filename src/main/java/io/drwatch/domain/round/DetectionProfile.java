package io.drwatch.domain.round;

import io.drwatch.domain.ConfigNamed;
import io.drwatch.domain.decide.QuorumPolicy;
import io.drwatch.domain.decide.SignalFamily;
import java.time.Duration;
import java.util.List;

/**
 * A preset for {@code detection.profile}: the defaults of every target's probe and of the quorum.
 * Keys written in the file override it one by one. The only place the target probe defaults live.
 *
 * <p>{@link #FAST} is safe because it keeps {@code replication} required: a frozen primary fails
 * every probe but keeps its replica's link up, so that family does not stand; a dead process drops
 * the link within milliseconds, so the short timers cost no safety (docs/failure-detection.md).
 */
public enum DetectionProfile implements ConfigNamed {
  /** 1 s probes with an 800 ms timeout, 3 failures to suspect, 2 successes to clear, 5 s hold. */
  STANDARD(Duration.ofSeconds(1), Duration.ofMillis(800), 3, 2, QuorumPolicy.defaults()),
  /** 250 ms probes (timeout 250 ms), 2 failures to suspect, 2 to clear, probes + replication held 500 ms. */
  FAST(Duration.ofMillis(250), Duration.ofMillis(250), 2, 2,
      QuorumPolicy.of(List.of(SignalFamily.PROBES, SignalFamily.REPLICATION), 2,
          Duration.ofMillis(500)));

  private final Duration probeInterval;
  private final Duration probeTimeout;
  private final int failuresToSuspect;
  private final int successesToClear;
  private final QuorumPolicy policy;

  DetectionProfile(Duration probeInterval, Duration probeTimeout, int failuresToSuspect,
      int successesToClear, QuorumPolicy policy) {
    this.probeInterval = probeInterval;
    this.probeTimeout = probeTimeout;
    this.failuresToSuspect = failuresToSuspect;
    this.successesToClear = successesToClear;
    this.policy = policy;
  }

  public Duration probeInterval() {
    return probeInterval;
  }

  /** The default timeout; a shorter {@code interval} cuts it to the interval. */
  public Duration probeTimeout() {
    return probeTimeout;
  }

  public int failuresToSuspect() {
    return failuresToSuspect;
  }

  public int successesToClear() {
    return successesToClear;
  }

  public QuorumPolicy policy() {
    return policy;
  }
}
