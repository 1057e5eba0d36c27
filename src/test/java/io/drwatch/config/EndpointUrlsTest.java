package io.drwatch.config;

import static io.drwatch.schema.ChannelShape.Form.POSTGRES;
import static io.drwatch.schema.ChannelShape.Form.REDIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
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
        "postgresql://drwatch@10.0.0.5:5432/app#frag",
        "postgresql://drwatch@:5432/app",
        "postgresql://drwatch@10.0.0.5:70000/app",
        "postgresql:drwatch@10.0.0.5/app",
        "not a url",
        ""
      })
  void shouldRejectOtherPostgresUrls(String url) {
    assertThatThrownBy(() -> EndpointUrls.canonical(POSTGRES, url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("must be postgresql://user@host:port/db[?sslmode=mode]");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "redis://10.0.0.7:6379,  redis://10.0.0.7:6379",
    "redis://cache.internal, redis://cache.internal:6379",
    "redis://cache:7000/,    redis://cache:7000",
    "rediss://cache:6380,    rediss://cache:6380",
    "rediss://drwatch@cache, rediss://drwatch@cache:6379",
    "redis://user@cache,     redis://user@cache:6379",
  })
  void shouldAcceptRedisUrls(String url, String canonical) {
    assertThat(EndpointUrls.canonical(REDIS, url)).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"redisx://cache:6379", "redis://cache:6379/0", "redis://", "cache:6379",
      "rediss://cache:6379?tls=1"})
  void shouldRejectOtherRedisUrls(String url) {
    assertThatThrownBy(() -> EndpointUrls.canonical(REDIS, url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be redis[s]://[user@]host:port");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"redis://:pw@cache:6379", "redis://user:pw@cache", "rediss://user:pw@cache"})
  void shouldSendRedisPasswordsToThePasswordField(String url) {
    assertThatThrownBy(() -> EndpointUrls.canonical(REDIS, url))
        .hasMessage(
            "must be redis[s]://[user@]host:port; put the password in the password field, not in the url");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "10.0.0.5:5432,      10.0.0.5:5432",
    "db.internal:6379,   db.internal:6379",
    "'[::1]:6379',       '[::1]:6379'",
  })
  void shouldAcceptHostPort(String address, String canonical) {
    assertThat(EndpointUrls.hostPort(address)).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "10.0.0.5", "10.0.0.5:", "tcp://h:1", "u@h:1", "h:1/", "h:1?x", ":5432", "", "a b:1"
      })
  void shouldRejectOtherTcpAddresses(String address) {
    assertThatThrownBy(() -> EndpointUrls.hostPort(address))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("must be host:port");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"http://h", "https://h:8443/health?deep=1", "http://[::1]:80/"})
  void shouldKeepHttpUrlsAsWritten(String url) {
    assertThat(EndpointUrls.httpUrl(url)).isEqualTo(url);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"h/health", "ftp://h", "http://", "http://h/#x", "https://u@h", ""})
  void shouldRejectOtherHttpUrls(String url) {
    assertThatThrownBy(() -> EndpointUrls.httpUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("must be http(s)://host[:port][/path]");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "http://10.1.0.9:9464,  http://10.1.0.9:9464",
    "http://obs-b/,         http://obs-b:80",
    "https://obs-c,         https://obs-c:443",
  })
  void shouldFillInTheBaseUrlPort(String url, String canonical) {
    assertThat(EndpointUrls.baseUrl(url)).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"http://h/api/v1/votes", "http://h?x=1", "http://h:0", "h:9464"})
  void shouldRejectOtherBaseUrls(String url) {
    assertThatThrownBy(() -> EndpointUrls.baseUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("must be http(s)://host[:port] without a path");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "postgresql://drwatch@db:5432/app?sslmode=verify-full, postgresql://drwatch@db:5432/app?sslmode=verify-full",
    "postgres://drwatch@db/app?sslmode=disable,            postgresql://drwatch@db:5432/app?sslmode=disable",
    "postgresql://drwatch@db/app?sslmode=require,          postgresql://drwatch@db:5432/app?sslmode=require",
  })
  void shouldKeepTheSslmodeOfPostgresUrls(String url, String canonical) {
    assertThat(EndpointUrls.canonical(POSTGRES, url)).isEqualTo(canonical);
    assertThat(EndpointUrls.sslMode(canonical)).isEqualTo(canonical.substring(canonical.indexOf('=') + 1));
  }

  @Test
  void shouldDefaultToPreferLikeLibpq() {
    assertThat(EndpointUrls.sslMode("postgresql://drwatch@db:5432/app")).isEqualTo("prefer");
    assertThat(EndpointUrls.requiresTls("postgresql://drwatch@db:5432/app")).isFalse();
    assertThat(EndpointUrls.requiresTls("postgresql://drwatch@db:5432/app?sslmode=verify-ca")).isTrue();
    assertThat(EndpointUrls.requiresTls("rediss://u@cache:6379")).isTrue();
    assertThat(EndpointUrls.mayUseTls("postgresql://drwatch@db:5432/app?sslmode=disable")).isFalse();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"postgresql://drwatch@db/app?sslmode=bogus", "postgresql://drwatch@db/app?application_name=x",
      "postgresql://drwatch@db/app?sslmode=require&connect_timeout=3", "postgresql://drwatch@db/app?sslmode"})
  void shouldRejectAnyOtherQuery(String url) {
    assertThatThrownBy(() -> EndpointUrls.canonical(POSTGRES, url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching("(may carry only \\?sslmode=.*|sslmode must be one of disable, allow, prefer, require,"
            + " verify-ca, verify-full, was bogus)");
  }
}
