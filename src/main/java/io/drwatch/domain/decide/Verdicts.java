package io.drwatch.domain.decide;

import io.drwatch.domain.Texts;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one line per tick an operator reads: every required family's own words, then the count
 * against the quorum. Same shape in every phase so a log is easy to scan and to grep.
 */
final class Verdicts {
  private final String parts;
  private final String count;

  Verdicts(List<FamilySignal> signals, int standing, int needed) {
    this.parts = signals.stream().map(FamilySignal::verdictPart).collect(Collectors.joining(", "));
    this.count = standing + " of " + needed + " needed";
  }

  String noOutage() {
    return "no outage: " + parts + " -> " + count;
  }

  String pending(Duration held, Duration holdFor) {
    return "outage pending: %s -> %s, held %s of %s".formatted(
        parts, count, Texts.duration(held), Texts.duration(holdFor));
  }

  String declared(Duration age) {
    return "OUTAGE DECLARED: %s -> %s, held %s".formatted(parts, count, Texts.duration(age));
  }

  String clearing(Duration below, Duration clearAfter) {
    return "OUTAGE DECLARED, clearing: %s -> %s, below quorum %s of %s".formatted(
        parts, count, Texts.duration(below), Texts.duration(clearAfter));
  }

  String cleared(Duration below) {
    return "outage cleared: %s -> %s, below quorum %s".formatted(
        parts, count, Texts.duration(below));
  }
}
