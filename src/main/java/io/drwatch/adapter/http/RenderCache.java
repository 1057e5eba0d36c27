package io.drwatch.adapter.http;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A rendered page (the scrape, the status JSON) that is reused for a while, and rendered ahead of
 * a client that asks at a steady interval, only when it is large (a predicate of the page: for the
 * scrape its size, which does not depend on how busy the host is) or rendering it was slow (at
 * least {@link #SLOW}): a small daemon always answers fresh.
 *
 * <p>Such a page is reused for at most {@link #MAX_AGE}, so a scrape is never older than that,
 * however many clients ask (two Prometheus servers, a dashboard polling). Callers that arrive
 * while a render runs wait for it and share it. And when the gap between two requests is at most
 * {@link #STEADY} (Prometheus' scrape interval), the next page is rendered in the background
 * {@code max(MIN_LEAD, 3 × render time)} before the next request is due: a steady scraper then
 * waits only for the bytes to be written, never for the render (at 2,000 channels a cold or
 * CPU-starved render took 40-115 ms of a 130 ms scrape), at the CPU cost of one render per scrape,
 * as before. A request that comes early renders itself.
 */
final class RenderCache<T> {
  static final Duration SLOW = Duration.ofMillis(50);
  static final Duration MAX_AGE = Duration.ofSeconds(1);
  static final Duration MIN_LEAD = Duration.ofMillis(200);
  static final Duration STEADY = Duration.ofMinutes(5);

  /** Runs {@code task} on a worker thread (not an event loop) after about {@code delayNanos}. */
  @FunctionalInterface
  interface Later {
    void run(long delayNanos, Runnable task);
  }

  private final Supplier<T> render;
  private final long slowNanos;
  private final Predicate<T> large;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private final Later later;
  private T cached;
  private long renderedAt;
  private long tookNanos;
  private boolean reusable;
  // Planning has its own lock: a request must not wait for a background render it does not use.
  private final Object plan = new Object();
  private boolean asked;
  private long lastAsked;

  RenderCache(Supplier<T> render, Duration slow, Predicate<T> large, Duration maxAge, LongSupplier nanoTime,
      Later later) {
    this.render = render;
    this.slowNanos = slow.toNanos();
    this.large = large;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
    this.later = later;
  }

  static <T> RenderCache<T> of(Supplier<T> render, Predicate<T> large, Later later) {
    return new RenderCache<>(render, SLOW, large, MAX_AGE, io.drwatch.adapter.support.Deadline.MONOTONIC::nanos,
        later);
  }

  /** The next {@link #get} renders anew: what the page says changed in a way that cannot wait. */
  synchronized void invalidate() {
    cached = null;
  }

  /** The page: the cached one if reusable and young enough, else a fresh one. Blocks while rendering. */
  T get() {
    long now = nanoTime.getAsLong();
    T page;
    long took;
    boolean ahead;
    synchronized (this) {
      page = current(now);
      took = tookNanos;
      ahead = reusable;
    }
    planAhead(now, took, ahead);
    return page;
  }

  /**
   * Renders {@code count} times in the background, {@code every} apart: the JIT compiles the render
   * path over its first dozen runs (a cold scrape at 2,000 channels took 115 ms, a warm one 10-15),
   * and otherwise the first scrapes after a start would pay for it.
   */
  void warmUp(int count, Duration every) {
    if (count > 0) {
      later.run(every.toNanos(), () -> {
        renderNow();
        warmUp(count - 1, every);
      });
    }
  }

  private synchronized T current(long now) {
    if (cached != null && reusable && now - renderedAt < maxAgeNanos) {
      return cached;
    }
    return renderNow();
  }

  private synchronized T renderNow() {
    long start = nanoTime.getAsLong();
    T page = render.get();
    cached = page;
    renderedAt = start;
    tookNanos = nanoTime.getAsLong() - start;
    reusable = tookNanos >= slowNanos || large.test(page);
    return page;
  }

  // Not when a request that came early has just rendered it (two scrapers out of phase).
  private synchronized void renderIfOlder(long nanos) {
    if (cached == null || nanoTime.getAsLong() - renderedAt >= nanos) {
      renderNow();
    }
  }

  private void planAhead(long now, long took, boolean reusable) {
    long gap;
    synchronized (plan) {
      gap = asked && now - lastAsked <= STEADY.toNanos() ? now - lastAsked : -1;
      asked = true;
      lastAsked = now;
    }
    long lead = Math.max(MIN_LEAD.toNanos(), 3 * took);
    if (reusable && gap > lead) {
      later.run(gap - lead, () -> renderIfOlder(lead));
    }
  }
}
