package io.drwatch.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RenderCacheTest {
  private static final long MS = 1_000_000L;
  private final AtomicLong now = new AtomicLong(1_000 * MS);
  private final AtomicInteger renders = new AtomicInteger();
  private final List<Long> delays = new ArrayList<>();
  private final List<Runnable> ahead = new ArrayList<>();

  private RenderCache<String> cache(long renderNanos) {
    return cache(renderNanos, page -> false);
  }

  private RenderCache<String> cache(long renderNanos, java.util.function.Predicate<String> large) {
    return new RenderCache<>(() -> {
      now.addAndGet(renderNanos);
      return "page " + renders.incrementAndGet();
    }, Duration.ofMillis(50), large, Duration.ofSeconds(1), now::get, (delay, task) -> {
      delays.add(delay);
      ahead.add(task);
    });
  }

  @Test
  void shouldRenderAFastPageEveryTimeAndNeverAhead() {
    RenderCache<String> cache = cache(MS);
    assertThat(cache.get()).isEqualTo("page 1");
    now.addAndGet(1_000 * MS);
    assertThat(cache.get()).isEqualTo("page 2");
    now.addAndGet(1_000 * MS);
    assertThat(cache.get()).isEqualTo("page 3");
    assertThat(delays).isEmpty();
  }

  @Test
  void shouldReuseASlowPageForAtMostOneSecond() {
    RenderCache<String> cache = cache(200 * MS);
    assertThat(cache.get()).isEqualTo("page 1");
    now.addAndGet(700 * MS);
    assertThat(cache.get()).isEqualTo("page 1");
    now.addAndGet(100 * MS); // 1,000 ms after the render started
    assertThat(cache.get()).isEqualTo("page 2");
  }

  @Test
  void shouldReuseALargePageAndRenderItAheadHoweverFastItRenders() {
    RenderCache<String> cache = cache(MS, page -> true);
    cache.get();
    now.addAndGet(15_000 * MS);
    assertThat(cache.get()).isEqualTo("page 2");
    now.addAndGet(500 * MS);
    assertThat(cache.get()).isEqualTo("page 2");
    // Planned after each request: 15.001 s and 0.501 s since the one before, less the 200 ms lead.
    assertThat(delays).containsExactly(14_801 * MS, 301 * MS);
  }

  @Test
  void shouldRenderASlowPageAheadOfASteadyScraper() {
    RenderCache<String> cache = cache(100 * MS);
    cache.get(); // the first request: nothing to predict from
    assertThat(delays).isEmpty();
    now.addAndGet(15_000 * MS);
    assertThat(cache.get()).isEqualTo("page 2");
    // 15.1 s between the two requests (the first one's render took 100 ms); the lead is 3 × 100 ms.
    assertThat(delays).containsExactly(15_100 * MS - 300 * MS);

    now.addAndGet(14_700 * MS);
    ahead.get(0).run(); // the background render, on a worker
    now.addAndGet(400 * MS); // the scraper comes 100 ms late
    assertThat(cache.get()).isEqualTo("page 3");
    assertThat(renders).hasValue(3);
  }

  @Test
  void shouldRenderItselfWhenTheScraperComesEarlyAndSkipTheRenderAhead() {
    RenderCache<String> cache = cache(100 * MS);
    cache.get();
    now.addAndGet(15_000 * MS);
    cache.get();
    now.addAndGet(10_000 * MS); // before the render ahead ran: page 2 is 10 s old
    assertThat(cache.get()).isEqualTo("page 3");
    ahead.get(0).run(); // due now, but page 3 is fresh: no second render
    assertThat(renders).hasValue(3);
  }

  @Test
  void shouldWarmUpInTheBackgroundTheGivenNumberOfTimes() {
    RenderCache<String> cache = cache(MS);
    cache.warmUp(2, Duration.ofSeconds(1));
    while (!ahead.isEmpty()) {
      ahead.remove(0).run();
    }
    assertThat(renders).hasValue(2);
    assertThat(delays).containsExactly(1_000 * MS, 1_000 * MS);
  }

  @Test
  void shouldNotPlanAheadForAnIrregularClient() {
    RenderCache<String> cache = cache(100 * MS);
    cache.get();
    now.addAndGet(Duration.ofMinutes(6).toNanos());
    cache.get();
    now.addAndGet(100 * MS); // closer than the lead: the cached page serves it, nothing is planned
    assertThat(cache.get()).isEqualTo("page 2");
    assertThat(delays).isEmpty();
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
