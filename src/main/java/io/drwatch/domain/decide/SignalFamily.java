package io.drwatch.domain.decide;

import io.drwatch.domain.ConfigNamed;

/**
 * The kinds of evidence that can vote for "the primary is down". Families are counted, not
 * votes: ten observers agreeing are still one {@code probes} signal, because they share a
 * failure mode (the network path from the standby region). The config name is the public
 * spelling, used in {@code detection.quorum.require} and the {@code signal} metric label.
 */
public enum SignalFamily implements ConfigNamed {
  /** A majority of live observers suspect the target (Sentinel's SDOWN to ODOWN step). */
  PROBES,
  /** A replica of the target lost its upstream, by its own account (orchestrator's rule). */
  REPLICATION,
  /** An open AWS Health issue for a configured service in the primary region. */
  AWS_HEALTH,
  /** A CloudWatch alarm delivered to us is in state ALARM. */
  CLOUDWATCH_ALARM;

  @Override
  public String toString() {
    return configName();
  }
}
