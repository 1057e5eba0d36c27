package io.drwatch.domain.lag;

import java.util.Objects;
import java.util.Optional;

/** The result of one remote call: a value, or the reason it failed (timeouts included). */
public sealed interface Outcome<T> {

  record Ok<T>(T value) implements Outcome<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  record Failed<T>(String reason) implements Outcome<T> {
    public Failed {
      reason = reason == null || reason.isBlank() ? "unknown error" : reason;
    }
  }

  static <T> Outcome<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Outcome<T> failed(String reason) {
    return new Failed<>(reason);
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  default Optional<T> success() {
    return this instanceof Ok<T> ok ? Optional.of(ok.value()) : Optional.empty();
  }

  default Optional<String> failure() {
    return this instanceof Failed<T> f ? Optional.of(f.reason()) : Optional.empty();
  }
}
