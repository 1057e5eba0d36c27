package io.drwatch.adapter.support;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": attempt {@code n} (from 0) waits between half and all of
 * {@code min(cap, base * 2^n)}. Half is fixed, so a persistent failure never turns into a hot loop;
 * half is random, so many observers do not retry in step against a recovering region.
 */
public record Backoff(Duration base, Duration cap) {
  /** 200 ms doubling to at most 2 s: with four attempts about 3 s of retrying at worst. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));

  public Backoff {
    if (base.toMillis() < 1 || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 1ms <= base <= cap, was base=" + base + " cap=" + cap);
    }
  }

  /** The ceiling for {@code attempt}: {@code min(cap, base * 2^attempt)} in milliseconds. */
  public long ceilingMillis(int attempt) {
    int shift = Math.min(Math.max(attempt, 0), 30);
    long exp = base.toMillis() << shift;
    return exp <= 0 ? cap.toMillis() : Math.min(cap.toMillis(), exp);
  }

  /** A pause in {@code [ceiling/2, ceiling]} for {@code attempt} (from 0). */
  public long delayMillis(int attempt, RandomGenerator random) {
    long ceiling = ceilingMillis(attempt);
    long half = ceiling / 2;
    return half + random.nextLong(ceiling - half + 1);
  }
}
