package io.drwatch.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RenderCacheTest {
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger renders = new AtomicInteger();

  private RenderCache cache(long renderNanos) {
    return new RenderCache(() -> {
      now.addAndGet(renderNanos);
      return "page " + renders.incrementAndGet();
    }, Duration.ofMillis(50), Duration.ofSeconds(1), now::get);
  }

  @Test
  void shouldRenderAFastPageEveryTime() {
    RenderCache cache = cache(1_000_000L);
    assertThat(cache.get()).isEqualTo("page 1");
    assertThat(cache.get()).isEqualTo("page 2");
  }

  @Test
  void shouldReuseASlowPageForOneTtl() {
    RenderCache cache = cache(200_000_000L);
    assertThat(cache.get()).isEqualTo("page 1");
    now.addAndGet(700_000_000L);
    assertThat(cache.get()).isEqualTo("page 1");
    now.addAndGet(200_000_000L);
    assertThat(cache.get()).isEqualTo("page 2");
  }

  @Test
  void shouldRenderASlowPageAnewOnceInvalidated() {
    RenderCache cache = cache(200_000_000L);
    assertThat(cache.get()).isEqualTo("page 1");
    cache.invalidate();
    assertThat(cache.get()).isEqualTo("page 2");
    assertThat(cache.get()).isEqualTo("page 2");
  }
}
