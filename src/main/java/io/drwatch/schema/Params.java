package io.drwatch.schema;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Parameters read against a {@link ParamSchema}: every value has its spec's type and the defaults
 * are filled in. A descriptor's {@code parse} reads its typed target from here.
 */
public final class Params {
  private final String kind;
  private final Map<String, Object> values;

  Params(String kind, Map<String, Object> values) {
    this.kind = kind;
    this.values = Collections.unmodifiableMap(values);
  }

  /** The kind or action the params belong to, for messages. */
  public String kind() {
    return kind;
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String string(String name) {
    return get(name, String.class);
  }

  public Optional<String> optionalString(String name) {
    return optional(name, String.class);
  }

  public int integer(String name) {
    return get(name, Long.class).intValue();
  }

  public Optional<Integer> optionalInteger(String name) {
    return optional(name, Long.class).map(Long::intValue);
  }

  public boolean bool(String name) {
    return get(name, Boolean.class);
  }

  public Optional<Boolean> optionalBool(String name) {
    return optional(name, Boolean.class);
  }

  /** An integer param that counts milliseconds, such as {@code pollMillis}. */
  public Duration millis(String name) {
    return Duration.ofMillis(integer(name));
  }

  /** An integer param that counts seconds, such as {@code waitSeconds}. */
  public Duration seconds(String name) {
    return Duration.ofSeconds(integer(name));
  }

  public Duration duration(String name) {
    return get(name, Duration.class);
  }

  public URI url(String name) {
    return get(name, URI.class);
  }

  public Optional<URI> optionalUrl(String name) {
    return optional(name, URI.class);
  }

  @SuppressWarnings("unchecked")
  public List<String> list(String name) {
    return get(name, List.class);
  }

  private <T> T get(String name, Class<T> type) {
    return optional(name, type).orElseThrow(() -> new NoSuchElementException(kind + ": no param " + name));
  }

  private <T> Optional<T> optional(String name, Class<T> type) {
    return Optional.ofNullable(values.get(name)).map(type::cast);
  }

  @Override
  public String toString() {
    return "Params[" + kind + ", " + values.keySet() + "]";
  }
}
