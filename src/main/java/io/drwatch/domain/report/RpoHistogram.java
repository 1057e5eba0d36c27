package io.drwatch.domain.report;

import java.io.ByteArrayOutputStream;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * RPO values in milliseconds, counted in log-scaled buckets: 16 per doubling, so a bucket's upper
 * edge is at most 4.4% (or 1 ms) above any value in it. Rolled-up spans keep one of these, so
 * percentiles over months stay upper bounds within that error instead of guesses from averages.
 * Immutable; {@link #encode} is the store's compact form (varint pairs of index step and count).
 */
public record RpoHistogram(NavigableMap<Integer, Long> counts) {
  static final int STEPS = 16;
  private static final RpoHistogram EMPTY = new RpoHistogram(new TreeMap<>());

  /** @param counts bucket index to count, ascending; taken as it is (every factory makes a new map) */
  public RpoHistogram {
    counts = Collections.unmodifiableNavigableMap(counts);
  }

  public static RpoHistogram empty() {
    return EMPTY;
  }

  public static RpoHistogram of(long millis) {
    TreeMap<Integer, Long> c = new TreeMap<>();
    c.put(index(millis), 1L);
    return new RpoHistogram(c);
  }

  /** Bucket 0 holds exactly 0 ms (a proven zero loss must read 0); bucket k holds up to {@link #upper}(k). */
  public static int index(long millis) {
    if (millis <= 0) {
      return 0;
    }
    int k = Math.max(1, (int) Math.ceil(STEPS * Math.log(millis) / Math.log(2)) + 1);
    // Floating point may land one off either way; the edges below are the definition.
    while (k > 1 && upper(k - 1) >= millis) {
      k--;
    }
    while (upper(k) < millis) {
      k++;
    }
    return k;
  }

  /** The largest value, in ms, bucket {@code k} holds. */
  public static long upper(int k) {
    return k == 0 ? 0 : (long) Math.ceil(Math.pow(2, (k - 1) / (double) STEPS));
  }

  public RpoHistogram plus(RpoHistogram other) {
    if (other.counts.isEmpty()) {
      return this;
    }
    TreeMap<Integer, Long> c = new TreeMap<>(counts);
    other.counts.forEach((k, n) -> c.merge(k, n, Long::sum));
    return new RpoHistogram(c);
  }


  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int previous = 0;
    for (Map.Entry<Integer, Long> e : counts.entrySet()) {
      varint(out, e.getKey() - previous);
      varint(out, e.getValue());
      previous = e.getKey();
    }
    return out.toByteArray();
  }

  /** Reads {@link #encode}'s form; null or empty is the empty histogram. */
  public static RpoHistogram decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return EMPTY;
    }
    TreeMap<Integer, Long> c = new TreeMap<>();
    int[] pos = {0};
    int index = 0;
    while (pos[0] < bytes.length) {
      index += (int) readVarint(bytes, pos);
      c.put(index, readVarint(bytes, pos));
    }
    return new RpoHistogram(c);
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long readVarint(byte[] b, int[] pos) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      if (pos[0] >= b.length) {
        throw new IllegalArgumentException("histogram bytes end inside a number");
      }
      byte x = b[pos[0]++];
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
  }
}
