package io.drwatch.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BoundedTest {
  @Test
  void shouldTurnAThrowIntoAFailedFuture() {
    IllegalStateException thrown = new IllegalStateException("no pool");
    Future<String> f = Bounded.call(() -> {
      throw thrown;
    }, Duration.ofSeconds(1));
    assertThat(f.failed()).isTrue();
    assertThat(f.cause()).isSameAs(thrown);
  }

  @Test
  void shouldPassAnAnsweredCallThrough() {
    Future<String> f = Bounded.call(() -> Future.succeededFuture("ok"), Duration.ofSeconds(1));
    assertThat(f.result()).isEqualTo("ok");
  }
}
