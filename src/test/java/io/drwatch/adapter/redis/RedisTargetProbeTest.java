package io.drwatch.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.VertxException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisTargetProbeTest {
  private final RedisTargetProbe probe =
      new RedisTargetProbe(null, null, null, null, Duration.ofMillis(800), "redis://h:6379");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"redis://10.0.0.5:6379", "rediss://cache.example.com:6380/2",
      "redis://:pw@10.0.0.5:6379"})
  void shouldAcceptRedisUrls(String url) {
    assertThatCode(() -> RedisTargetProbe.validate(url, url)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "10.0.0.5:6379", "http://h:6379", "redis:///0", "redis://bad host"})
  void shouldRejectAnythingButARedisUrlNamingTheValue(String url) {
    assertThatThrownBy(() -> RedisTargetProbe.validate(url, url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + url + "\"");
  }

  @Test
  void shouldNeverShowCredentials() {
    assertThat(RedisTargetProbe.withoutCredentials("redis://user:s3cret@10.0.0.5:6379/1"))
        .isEqualTo("redis://10.0.0.5:6379/1");
    assertThatThrownBy(() -> RedisTargetProbe.create(null, "http://user:s3cret@h:6379",
        Optional.empty(), Duration.ofSeconds(1)))
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void shouldSayHowLongItWaited() {
    assertThat(probe.reason(new TimeoutException("Timeout 800 (ms) fired")))
        .isEqualTo("no answer within 800ms");
  }

  @Test
  void shouldPassServerErrorsThroughOnOneShortLine() {
    assertThat(probe.reason(new VertxException("NOAUTH Authentication required.")))
        .isEqualTo("NOAUTH Authentication required.");
    assertThat(probe.reason(new VertxException("ERR " + "y".repeat(300)))).hasSize(163);
  }
}
