package io.drwatch.domain.decide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A scenario's key expectations ({@code expect.txt}), stated apart from the recorded verdicts so a
 * re-recording cannot silently move them. One per line, {@code #} starts a comment:
 * <ul>
 *   <li>{@code declared 17s [TARGET]} / {@code cleared 31s [TARGET]}: the round at that time
 *       declares / stops declaring the outage. Together they list every such change, in order;
 *   <li>{@code never declared}: no round declares anything;
 *   <li>{@code phase 12s PENDING [TARGET]}: the decision's phase at that round.
 * </ul>
 * Without TARGET a line means the first target.
 */
final class ScenarioExpectations {
  private ScenarioExpectations() {}

  /** What does not hold, one line each; empty when everything does. */
  static List<String> check(List<String> lines, List<ScenarioRun.Round> rounds) {
    List<String> wanted = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    boolean never = false;
    for (String raw : lines) {
      String text = raw.replaceAll("#.*", "").trim();
      if (text.isEmpty()) {
        continue;
      }
      List<String> w = Arrays.asList(text.split("\\s+"));
      switch (w.get(0)) {
        case "never" -> never = true;
        case "declared", "cleared" -> wanted.add(w.get(0) + " " + Scenario.clock(
            Scenario.duration(w.get(1))) + " " + target(w, 2, rounds));
        case "phase" -> phase(Scenario.duration(w.get(1)), w.get(2), target(w, 3, rounds), rounds)
            .ifPresent(problems::add);
        default -> problems.add("expect.txt: unknown line: " + text);
      }
    }
    List<String> changes = new ArrayList<>();
    for (ScenarioRun.Round r : rounds) {
      r.result().decisions().stream().filter(Decision::changed).forEach(d -> changes.add(
          (d.declared() ? "declared " : "cleared ") + Scenario.clock(r.at()) + " " + d.target()));
    }
    if (never && changes.stream().anyMatch(c -> c.startsWith("declared"))) {
      problems.add("expected never declared, but: " + changes);
    }
    if (!never && wanted.isEmpty()) {
      problems.add("expect.txt states no declaration: say 'never declared' or when");
    }
    if (!never && !changes.equals(wanted)) {
      problems.add("expected " + wanted + ", was " + changes);
    }
    return problems;
  }

  private static Optional<String> phase(Duration at, String phase, String target,
      List<ScenarioRun.Round> rounds) {
    Optional<ScenarioRun.Round> round = rounds.stream().filter(r -> r.at().equals(at)).findFirst();
    if (round.isEmpty()) {
      return Optional.of("no round at " + Scenario.clock(at));
    }
    String actual = round.get().result().decisions().stream()
        .filter(d -> d.target().equals(target)).findFirst()
        .map(d -> d.phase().name()).orElse("no decision for " + target);
    return actual.equals(phase) ? Optional.empty()
        : Optional.of("phase at " + Scenario.clock(at) + ": expected " + phase + ", was " + actual);
  }

  private static String target(List<String> w, int i, List<ScenarioRun.Round> rounds) {
    if (w.size() > i) {
      return w.get(i);
    }
    return rounds.isEmpty() || rounds.get(0).result().decisions().isEmpty() ? "?"
        : rounds.get(0).result().decisions().get(0).target();
  }
}
