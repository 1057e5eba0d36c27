package io.drwatch.domain.round;

import io.drwatch.domain.decide.QuorumState;
import java.util.Map;

/** What a detection round remembers for the next one: each target's quorum state. */
public record RoundState(Map<String, QuorumState> quorum) {
  public RoundState {
    quorum = Map.copyOf(quorum);
  }

  public static RoundState initial() {
    return new RoundState(Map.of());
  }

  public QuorumState of(String target) {
    return quorum.getOrDefault(target, QuorumState.initial());
  }
}
