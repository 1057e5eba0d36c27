package io.drwatch.domain.decide;

import io.drwatch.domain.Texts;
import io.drwatch.domain.channel.CompositeRpo;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Shadow mode, always on: what drwatch would do right now and what it would cost. Exported every
 * tick ({@code drwatch_would_failover}, {@code drwatch_failover_expected_loss_seconds}) so a
 * drill can compare the prediction with what really happened.
 *
 * @param wouldFailover an outage is declared for some target and nothing blocks action
 * @param declaredTargets the targets with a declared outage
 * @param blockers why action would not be taken even if declared ("auto mode off", "cooldown")
 * @param expectedLoss the composite RPO now; empty when any channel's RPO is unknown, which means
 *     the loss cannot be bounded (export NaN, never 0)
 * @param line a human-readable summary for the log and the status API
 */
public record Shadow(
    boolean wouldFailover,
    List<String> declaredTargets,
    List<String> blockers,
    Optional<Duration> expectedLoss,
    String line) {
  public Shadow {
    declaredTargets = List.copyOf(declaredTargets);
    blockers = List.copyOf(blockers);
    Objects.requireNonNull(expectedLoss, "expectedLoss");
    Objects.requireNonNull(line, "line");
  }

  /**
   * @param decisions this tick's decision for every target
   * @param blockers reasons action is gated off, from the app ("tilt", "auto mode off", "run
   *     active", "cooldown 40m left", "awaiting approval"); empty when nothing blocks
   * @param rpo the composite RPO of all channels at this tick
   */
  public static Shadow of(List<Decision> decisions, List<String> blockers, CompositeRpo rpo) {
    List<String> declared = decisions.stream().filter(Decision::declared)
        .map(Decision::target).toList();
    boolean would = !declared.isEmpty() && blockers.isEmpty();
    String loss = "expected loss " + rpo.max().map(Texts::duration).orElse("unknown");
    String line;
    if (declared.isEmpty()) {
      line = "would not fail over: no outage declared; " + loss;
    } else if (would) {
      line = "would fail over: outage declared for " + String.join(", ", declared)
          + ", nothing blocks; " + loss;
    } else {
      line = "would not fail over: outage declared for " + String.join(", ", declared)
          + " but blocked by " + blockers.stream().collect(Collectors.joining(", ")) + "; " + loss;
    }
    return new Shadow(would, declared, blockers, rpo.max(), line);
  }
}
