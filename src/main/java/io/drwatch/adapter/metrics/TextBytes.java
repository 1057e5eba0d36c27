package io.drwatch.adapter.metrics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A growable byte buffer the exposition is written into, one per render (sized from the last). Bytes, not
 * a StringBuilder: a 4 MB scrape (2,000 channels) no longer goes through a builder, a String copy
 * and a UTF-8 encoding on the event loop, and durations are printed as exact decimals from their
 * seconds and nanos, without Double.toString's allocation (FloatingDecimal was the render's top
 * frame). An exact decimal parses back to the same double as {@code nanos / 1e9}.
 */
final class TextBytes {
  private static final byte[] NAN = ascii("NaN");

  private byte[] buf;
  private int len;

  TextBytes(int capacity) {
    this.buf = new byte[Math.max(capacity, 64)];
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  int length() {
    return len;
  }

  /** The bytes written so far, not copied: write no more once it is handed out. */
  ByteBuffer asByteBuffer() {
    return ByteBuffer.wrap(buf, 0, len).slice();
  }

  TextBytes bytes(byte[] b) {
    return bytes(b, b.length);
  }

  /** The first {@code n} bytes of {@code b}. */
  TextBytes bytes(byte[] b, int n) {
    ensure(n);
    System.arraycopy(b, 0, buf, len, n);
    len += n;
    return this;
  }

  TextBytes utf8(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  TextBytes ch(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  TextBytes integer(long v) {
    if (v == Long.MIN_VALUE) {
      return utf8(Long.toString(v));
    }
    ensure(20);
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int start = len;
    do {
      buf[len++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v > 0);
    reverse(start, len - 1);
    return this;
  }

  /** {@code whole.fraction} with the fraction's nine digits, trailing zeros cut to one: 5.0, 0.003. */
  TextBytes decimal(long whole, int nanos) {
    integer(whole).ch('.');
    if (nanos == 0) {
      return ch('0');
    }
    ensure(9);
    int digits = 9;
    while (nanos % 10 == 0) {
      nanos /= 10;
      digits--;
    }
    for (int i = digits - 1; i >= 0; i--) {
      buf[len + i] = (byte) ('0' + nanos % 10);
      nanos /= 10;
    }
    len += digits;
    return this;
  }

  TextBytes seconds(Duration d) {
    if (d.isNegative()) {
      ch('-');
      d = d.negated();
    }
    return decimal(d.getSeconds(), d.getNano());
  }

  /** NaN when absent: an unknown value must not look like a perfect one. */
  TextBytes seconds(Optional<Duration> d) {
    return d.isPresent() ? seconds(d.get()) : bytes(NAN);
  }

  TextBytes nanosAsSeconds(long nanos) {
    if (nanos < 0) {
      return seconds(Duration.ofNanos(nanos));
    }
    return decimal(nanos / 1_000_000_000L, (int) (nanos % 1_000_000_000L));
  }

  private void reverse(int i, int j) {
    while (i < j) {
      byte t = buf[i];
      buf[i++] = buf[j];
      buf[j--] = t;
    }
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
