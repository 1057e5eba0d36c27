package io.drwatch.app.ingest;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The event ids seen in the last {@code window}, at most {@code capacity} of them, oldest first.
 * Time is monotonic ({@code nanoTime}), so a wall-clock jump neither forgets nor pins ids. An id
 * keeps the time it was first seen: a replay does not extend its stay. Not thread-safe.
 */
final class RecentIds {
  private final int capacity;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private final LinkedHashMap<String, Long> firstSeen = new LinkedHashMap<>();

  RecentIds(int capacity, Duration window, LongSupplier nanoTime) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    this.capacity = capacity;
    this.windowNanos = window.toNanos();
    this.nanoTime = nanoTime;
  }

  boolean contains(String id) {
    expire(nanoTime.getAsLong());
    return firstSeen.containsKey(id);
  }

  /** Remembers {@code id}, evicting the oldest ids beyond the capacity. */
  void add(String id) {
    long now = nanoTime.getAsLong();
    expire(now);
    firstSeen.putIfAbsent(id, now);
    while (firstSeen.size() > capacity) {
      Iterator<String> oldest = firstSeen.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  int size() {
    return firstSeen.size();
  }

  private void expire(long now) {
    Iterator<Map.Entry<String, Long>> it = firstSeen.entrySet().iterator();
    while (it.hasNext() && now - it.next().getValue() >= windowNanos) {
      it.remove();
    }
  }
}
