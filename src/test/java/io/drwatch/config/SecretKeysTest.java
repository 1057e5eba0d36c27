package io.drwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which keys' values are never shown: in errors, check-config output and config toString. */
class SecretKeysTest {
  @Test
  void shouldMaskHeaderValueBesideTokensAndPasswords() {
    for (String key : new String[] {"headerValue", "password", "apiToken", "bearerToken", "header-value"}) {
      assertThat(Values.isSecret(key)).as(key).isTrue();
      assertThat(Values.shown(key, "Bearer abc")).as(key).isEqualTo("***");
      assertThat(Values.quoted(key, "abc")).as(key).isEqualTo("***");
    }
    assertThat(Values.isSecret("header")).isFalse();
    assertThat(Values.isSecret("passwordFile")).as("a path, shown so that a wrong one can be found").isFalse();
  }
}
