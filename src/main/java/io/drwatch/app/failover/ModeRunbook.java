package io.drwatch.app.failover;

import io.drwatch.domain.runbook.Runbook;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An operator-only runbook ({@code runbook.reprotect}, {@code runbook.switchover}) in domain terms.
 *
 * @param params per step id, the action parameters
 * @param channels per step id, the channel the step names: the channels a reprotect rebuilds, the
 *     channels a switchover gates and flips
 * @param drainWait how long the switchover's gate waits for proof of RPO 0
 * @param selfFencing the action kinds that fence by themselves: the switchover's gate skips them
 */
public record ModeRunbook(Runbook runbook, Map<String, Map<String, String>> params,
    Map<String, String> channels, Duration drainWait, Set<String> selfFencing) {

  public ModeRunbook {
    Objects.requireNonNull(runbook, "runbook");
    params = Map.copyOf(params);
    channels = Map.copyOf(channels);
    Objects.requireNonNull(drainWait, "drainWait");
    selfFencing = Set.copyOf(selfFencing);
  }
}
