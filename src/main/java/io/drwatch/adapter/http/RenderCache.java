package io.drwatch.adapter.http;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A rendered page (the scrape, the status JSON) that is reused for a while only when rendering
 * it is slow: a small daemon always answers fresh, one with thousands of channels renders at most
 * once per {@code ttl} however many clients ask (two Prometheus servers, a dashboard polling).
 * Callers that arrive while a render runs wait for it and share it.
 */
final class RenderCache {
  static final Duration SLOW = Duration.ofMillis(50);
  static final Duration TTL = Duration.ofSeconds(1);

  private final Supplier<String> render;
  private final long slowNanos;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private String cached;
  private long renderedAt;
  private long tookNanos;

  RenderCache(Supplier<String> render, Duration slow, Duration ttl, LongSupplier nanoTime) {
    this.render = render;
    this.slowNanos = slow.toNanos();
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  static RenderCache of(Supplier<String> render) {
    return new RenderCache(render, SLOW, TTL, io.drwatch.adapter.support.Deadline.MONOTONIC::nanos);
  }

  /** The next {@link #get} renders anew: what the page says changed in a way that cannot wait. */
  synchronized void invalidate() {
    cached = null;
  }

  synchronized String get() {
    long start = nanoTime.getAsLong();
    if (cached != null && tookNanos >= slowNanos && start - renderedAt < ttlNanos) {
      return cached;
    }
    String text = render.get();
    long end = nanoTime.getAsLong();
    cached = text;
    renderedAt = start;
    tookNanos = end - start;
    return text;
  }
}
