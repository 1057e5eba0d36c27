package io.drwatch.app.failover;

import io.drwatch.domain.runbook.StepSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed pipeline {@code timeline.txt}: the runbook (mode, durations, steps) and the actions at
 * virtual times. The format is documented in {@code pipeline-scenarios/README.md}.
 */
record PipelineScenario(
    PipelineFixture.Timing timing,
    List<StepSpec> steps,
    Duration tick,
    Duration end,
    List<Action> actions) {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

  /** One {@code at <time> <verb> <args...>} line; {@code args} keeps the raw words. */
  record Action(Duration at, String verb, List<String> args, int line) {
    /** The words of the line that are not {@code key=value}. */
    List<String> words() {
      return args.stream().filter(a -> !a.contains("=")).toList();
    }

    String option(String key, String otherwise) {
      return options(args).getOrDefault(key, otherwise);
    }

    @Override
    public String toString() {
      return (verb + " " + String.join(" ", args)).trim();
    }
  }

  static PipelineScenario parse(List<String> lines) {
    PipelineFixture.Timing timing = PipelineFixture.Timing.defaults(true);
    List<StepSpec> steps = new ArrayList<>();
    Duration tick = Duration.ofSeconds(1);
    Duration end = null;
    List<Action> actions = new ArrayList<>();
    for (int n = 0; n < lines.size(); n++) {
      String text = lines.get(n).replaceAll("#.*", "").trim();
      if (text.isEmpty()) {
        continue;
      }
      List<String> w = Arrays.asList(text.split("\\s+"));
      Map<String, String> o = options(w);
      try {
        switch (w.get(0)) {
          case "runbook" -> timing = new PipelineFixture.Timing(
              mode(o.getOrDefault("mode", "auto")),
              duration(o.getOrDefault("cooldown", "5m")),
              duration(o.getOrDefault("detection", "6s")),
              duration(o.getOrDefault("resumeWithin", "10m")),
              duration(o.getOrDefault("approvalTimeout", "30m")));
          case "step" -> steps.add(StepSpec.builder(w.get(1), w.get(2))
              .after(list(o.getOrDefault("after", "")))
              .retries(Integer.parseInt(o.getOrDefault("retries", "0")))
              .timeout(duration(o.getOrDefault("timeout", "1h")))
              .build());
          case "tick" -> tick = duration(w.get(1));
          case "end" -> end = duration(w.get(1));
          case "at" -> actions.add(new Action(duration(w.get(1)), w.get(2), w.subList(3, w.size()), n + 1));
          default -> throw new IllegalArgumentException("unknown " + w.get(0));
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("timeline line " + (n + 1) + ": " + e.getMessage(), e);
      }
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("timeline: no step lines");
    }
    if (end == null) {
      end = actions.stream().map(Action::at).max(Duration::compareTo).orElse(Duration.ZERO)
          .plusSeconds(5);
    }
    return new PipelineScenario(timing, List.copyOf(steps), tick, end, List.copyOf(actions));
  }

  private static boolean mode(String m) {
    return switch (m) {
      case "auto" -> true;
      case "approval" -> false;
      default -> throw new IllegalArgumentException("mode must be auto or approval, was " + m);
    };
  }

  /** {@code 500ms}, {@code 1.5s}, {@code 10m}, {@code 6h}, {@code 20m5s}. */
  static Duration duration(String text) {
    Matcher m = PART.matcher(text);
    Duration d = Duration.ZERO;
    int at = 0;
    while (m.find() && m.start() == at) {
      long scale = switch (m.group(2)) {
        case "ms" -> 1;
        case "s" -> 1_000;
        case "m" -> 60_000;
        default -> 3_600_000;
      };
      d = d.plusMillis(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(scale)).longValueExact());
      at = m.end();
    }
    if (at == 0 || at != text.length()) {
      throw new IllegalArgumentException("bad duration " + text);
    }
    return d;
  }

  /** The time column: {@code 12s}, {@code 12.5s}, {@code 1m05s}, {@code 20m00s}. */
  static String clock(Duration t) {
    long ms = t.toMillis();
    String seconds = BigDecimal.valueOf(ms % 60_000, 3).stripTrailingZeros().toPlainString();
    if (ms < 60_000) {
      return seconds + "s";
    }
    return (ms / 60_000) + "m" + (ms % 60_000 < 10_000 ? "0" : "") + seconds + "s";
  }

  private static Map<String, String> options(List<String> words) {
    Map<String, String> m = new LinkedHashMap<>();
    words.stream().filter(a -> a.contains("=")).forEach(a -> m.put(
        a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
    return m;
  }

  private static List<String> list(String csv) {
    return csv.isEmpty() ? List.of() : List.of(csv.split(","));
  }
}
