package io.drwatch.domain.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runbooks for tests, written one step per line so a golden file reads like the config:
 * {@code id action after expected [flags]}, where after is {@code -} or {@code a,b}, and flags are
 * {@code fence}, {@code promote}, {@code no-promote}, {@code retries=N}, {@code timeout=30s}.
 */
final class RunbookFixture {
  /** The registered action kinds, from their descriptors. */
  static final Set<String> ACTIONS = io.drwatch.spi.KindRegistry.installed().actionNames();

  private RunbookFixture() {}

  static List<StepSpec> parse(List<String> lines) {
    List<StepSpec> steps = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      StepSpec.Builder b = StepSpec.builder(f[0], f[1]).expected(duration(f[3]));
      if (!f[2].equals("-")) {
        b.after(f[2].split(","));
      }
      Arrays.stream(f).skip(4).forEach(flag -> flag(b, flag));
      steps.add(b.build());
    }
    return steps;
  }

  static Runbook runbook(String... lines) {
    return Runbook.of(parse(List.of(lines)), ACTIONS);
  }

  private static void flag(StepSpec.Builder b, String flag) {
    if (flag.equals("fence")) {
      b.fence(true);
    } else if (flag.equals("promote")) {
      b.promote(true);
    } else if (flag.equals("no-promote")) {
      b.promote(false);
    } else if (flag.startsWith("retries=")) {
      b.retries(Integer.parseInt(flag.substring(8)));
    } else if (flag.startsWith("timeout=")) {
      b.timeout(duration(flag.substring(8)));
    } else {
      throw new IllegalArgumentException("unknown flag " + flag);
    }
  }

  /** {@code 500ms}, {@code 5s}, {@code 2m}. */
  static Duration duration(String text) {
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    }
    long n = Long.parseLong(text.substring(0, text.length() - 1));
    return text.endsWith("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
  }
}
