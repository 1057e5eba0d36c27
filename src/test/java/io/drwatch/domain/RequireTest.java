package io.drwatch.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequireTest {
  @Test
  void shouldPassWhenEveryValueIsPresent() {
    assertThatCode(() -> Require.nonNull("name", "a", "port", 1)).doesNotThrowAnyException();
  }

  @Test
  void shouldNameTheFirstMissingComponentAsObjectsRequireNonNullWould() {
    assertThatThrownBy(() -> Require.nonNull("name", "a", "kind", null, "port", null))
        .isExactlyInstanceOf(NullPointerException.class).hasMessage("kind");
  }

  @Test
  void shouldRejectANameWithoutItsValue() {
    assertThatThrownBy(() -> Require.nonNull("name", "a", "kind"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
