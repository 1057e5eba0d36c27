package io.drwatch.adapter.cloudflare;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How the Cloudflare calls retry: {@code attempts} in all, with exponential backoff and "equal
 * jitter" between them (attempt {@code n} from 0 waits between half and all of
 * {@code min(cap, base * 2^n)}), or the server's {@code Retry-After} on a 429, capped at
 * {@code maxRetryAfter}. The same formula as {@code io.drwatch.adapter.aws.Backoff}, restated here
 * because adapters may not depend on each other (architecture §2, LayeringTest).
 */
record CloudflareRetry(int attempts, Duration base, Duration cap, Duration maxRetryAfter) {
  static final CloudflareRetry DEFAULT = new CloudflareRetry(4, Duration.ofMillis(200), Duration.ofSeconds(2),
      Duration.ofSeconds(10));

  CloudflareRetry {
    if (attempts < 1 || base.toMillis() < 1 || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("retry needs attempts >= 1 and 1ms <= base <= cap");
    }
  }

  long delayMillis(int attempt, RandomGenerator random) {
    int shift = Math.min(Math.max(attempt, 0), 30);
    long exp = base.toMillis() << shift;
    long ceiling = exp <= 0 ? cap.toMillis() : Math.min(cap.toMillis(), exp);
    long half = ceiling / 2;
    return half + random.nextLong(ceiling - half + 1);
  }

  /** A 429's {@code Retry-After} (seconds) if it has a usable one, else the backoff. */
  long delayMillis(int attempt, String retryAfter, RandomGenerator random) {
    if (retryAfter != null) {
      try {
        long seconds = Long.parseLong(retryAfter.strip());
        if (seconds >= 0) {
          return Math.min(Duration.ofSeconds(seconds).toMillis(), maxRetryAfter.toMillis());
        }
      } catch (NumberFormatException e) {
        // an HTTP date: fall back to our own backoff
      }
    }
    return delayMillis(attempt, random);
  }
}
