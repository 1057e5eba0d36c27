package io.drwatch.domain.decide;

import java.util.List;

/**
 * What one observer's probes of one target return from now on, as set by
 * {@code at <t> probe <observer|*> <target> ok | fail <reason...> | pattern ok,ok,fail}. A
 * pattern cycles, starting over at each new line.
 */
final class ScenarioProbe {
  private List<Boolean> pattern = List.of(true);
  private String reason = "timeout";
  private int next;

  /** {@code words}: what follows the target on the line. */
  void set(List<String> words, int line) {
    next = 0;
    switch (words.get(0)) {
      case "ok" -> pattern = List.of(true);
      case "fail" -> {
        pattern = List.of(false);
        reason = words.size() > 1 ? String.join(" ", words.subList(1, words.size())) : "timeout";
      }
      case "pattern" -> pattern = List.of(words.get(1).split(",")).stream().map("ok"::equals).toList();
      default -> throw new IllegalArgumentException("line " + line + ": ok | fail | pattern");
    }
  }

  boolean next() {
    return pattern.get(next++ % pattern.size());
  }

  String reason() {
    return reason;
  }
}
