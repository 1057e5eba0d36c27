package io.drwatch.domain.runbook;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a run started, journaled with it for the post-incident review.
 *
 * @param evidence human-readable lines, e.g. the decision verdict and each vote
 * @param rpo each channel's RPO when the run was triggered; a channel without an estimate is absent
 */
public record Trigger(List<String> evidence, Map<String, Duration> rpo) {

  public Trigger {
    evidence = List.copyOf(evidence);
    // Keep the caller's channel order: the status API and journal show it as given.
    rpo = Collections.unmodifiableMap(new LinkedHashMap<>(rpo));
  }

  /** A manual run: one line saying who asked, no RPO known. */
  public static Trigger manual(String line) {
    return new Trigger(List.of(line), Map.of());
  }
}
