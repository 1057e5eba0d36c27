package io.drwatch.domain.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} event ids, for de-duplication. Bounded so a long-running daemon
 * cannot grow without limit; EventBridge retries and replays come within minutes, long before
 * an id could be evicted at any plausible event rate.
 */
final class RecentIds {
  private final Map<String, Boolean> ids;

  RecentIds(int capacity) {
    this.ids = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** True if the id is new (and now remembered), false if seen before. */
  boolean add(String id) {
    return ids.putIfAbsent(id, Boolean.TRUE) == null;
  }
}
