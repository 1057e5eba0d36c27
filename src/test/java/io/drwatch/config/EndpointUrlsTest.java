package io.drwatch.config;

import static io.drwatch.domain.channel.ChannelKind.POSTGRES;
import static io.drwatch.domain.channel.ChannelKind.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointUrlsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "postgresql://drwatch@10.0.0.5:5432/app, postgresql://drwatch@10.0.0.5:5432/app",
    "postgres://drwatch@db.internal/app,     postgresql://drwatch@db.internal:5432/app",
    "postgresql://drwatch@[::1]:6432/app,    postgresql://drwatch@[::1]:6432/app",
  })
  void shouldAcceptPostgresUrls(String url, String canonical) {
    assertThat(EndpointUrls.canonical(POSTGRES, url)).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "http://x",
        "postgresql://10.0.0.5:5432/app",
        "postgresql://drwatch@10.0.0.5:5432",
        "postgresql://drwatch@10.0.0.5:5432/",
        "postgresql://drwatch@10.0.0.5:5432/app/x",
        "postgresql://drwatch@10.0.0.5:5432/app?sslmode=require",
        "postgresql://drwatch@:5432/app",
        "postgresql://drwatch@10.0.0.5:70000/app",
        "postgresql:drwatch@10.0.0.5/app",
        "not a url",
        ""
      })
  void shouldRejectOtherPostgresUrls(String url) {
    assertThatThrownBy(() -> EndpointUrls.canonical(POSTGRES, url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("must be postgresql://user@host:port/db");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "redis://10.0.0.7:6379,  redis://10.0.0.7:6379",
    "redis://cache.internal, redis://cache.internal:6379",
    "redis://cache:7000/,    redis://cache:7000",
  })
  void shouldAcceptRedisUrls(String url, String canonical) {
    assertThat(EndpointUrls.canonical(REDIS, url)).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"rediss://cache:6379", "redis://cache:6379/0", "redis://", "cache:6379"})
  void shouldRejectOtherRedisUrls(String url) {
    assertThatThrownBy(() -> EndpointUrls.canonical(REDIS, url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be redis://host:port");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"redis://:pw@cache:6379", "redis://user:pw@cache", "redis://user@cache"})
  void shouldSendRedisPasswordsToThePasswordField(String url) {
    assertThatThrownBy(() -> EndpointUrls.canonical(REDIS, url))
        .hasMessage(
            "must be redis://host:port; put the password in the password field, not in the url");
  }
}
