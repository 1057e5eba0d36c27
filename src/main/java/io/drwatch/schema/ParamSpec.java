package io.drwatch.schema;

import io.drwatch.domain.Require;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One parameter of a channel kind or an action: what it is called, how its text is read, and the
 * line the parameter reference shows. Built fluently, each call returning a new spec:
 * {@code ParamSpec.integer("dial").asRequired().range(0, 100).doc("traffic percentage")}.
 *
 * @param name the key in {@code params}
 * @param type how the text is read
 * @param required whether the key must be present (and not blank)
 * @param defaultValue the value when absent, as text; empty for none
 * @param min lower bound, inclusive: of the number for {@link ParamType#INT}, in milliseconds for
 *     {@link ParamType#DURATION}; ignored for other types
 * @param max upper bound, inclusive, same units as {@code min}
 * @param pattern a regular expression the whole text must match ({@link ParamType#STRING}, {@link
 *     ParamType#LIST} items)
 * @param patternDoc what the pattern means, for the error and the reference ("an RDS instance id")
 * @param allowed the values of an {@link ParamType#ENUM}, in reference order; also the url schemes of
 *     a {@link ParamType#URL} (default http, https)
 * @param secret whether the value is never shown (tokens, passwords)
 * @param doc one line of documentation; required of every registered descriptor (a test checks)
 */
public record ParamSpec(String name, ParamType type, boolean required, Optional<String> defaultValue,
    long min, long max, Optional<Pattern> pattern, String patternDoc, List<String> allowed, boolean secret,
    String doc) {

  public ParamSpec {
    Require.nonNull("name", name, "type", type, "defaultValue", defaultValue, "pattern", pattern,
        "patternDoc", patternDoc, "doc", doc);
    allowed = List.copyOf(allowed);
    if (min > max) {
      throw new IllegalArgumentException(name + ": min " + min + " > max " + max);
    }
  }

  public static ParamSpec of(String name, ParamType type) {
    return new ParamSpec(name, type, false, Optional.empty(), Long.MIN_VALUE, Long.MAX_VALUE,
        Optional.empty(), "", type == ParamType.URL ? List.of("http", "https") : List.of(), false, "");
  }

  public static ParamSpec string(String name) {
    return of(name, ParamType.STRING);
  }

  public static ParamSpec integer(String name) {
    return of(name, ParamType.INT);
  }

  public static ParamSpec duration(String name) {
    return of(name, ParamType.DURATION);
  }

  public static ParamSpec bool(String name) {
    return of(name, ParamType.BOOL);
  }

  public static ParamSpec url(String name) {
    return of(name, ParamType.URL);
  }

  public static ParamSpec list(String name) {
    return of(name, ParamType.LIST);
  }

  public static ParamSpec json(String name) {
    return of(name, ParamType.JSON);
  }

  public static ParamSpec oneOf(String name, String... values) {
    return of(name, ParamType.ENUM).allowing(values);
  }

  public ParamSpec asRequired() {
    return new ParamSpec(name, type, true, defaultValue, min, max, pattern, patternDoc, allowed, secret, doc);
  }

  public ParamSpec defaultsTo(String value) {
    return new ParamSpec(name, type, required, Optional.of(value), min, max, pattern, patternDoc, allowed, secret,
        doc);
  }

  public ParamSpec defaultsTo(long value) {
    return defaultsTo(Long.toString(value));
  }

  public ParamSpec range(long from, long to) {
    return new ParamSpec(name, type, required, defaultValue, from, to, pattern, patternDoc, allowed, secret, doc);
  }

  /** For a url, the schemes allowed instead of http and https. */
  public ParamSpec allowing(String... values) {
    return new ParamSpec(name, type, required, defaultValue, min, max, pattern, patternDoc, List.of(values), secret,
        doc);
  }

  public ParamSpec matching(String regex, String meaning) {
    return new ParamSpec(name, type, required, defaultValue, min, max, Optional.of(Pattern.compile(regex)), meaning,
        allowed, secret, doc);
  }

  public ParamSpec asSecret() {
    return new ParamSpec(name, type, required, defaultValue, min, max, pattern, patternDoc, allowed, true, doc);
  }

  public ParamSpec doc(String line) {
    return new ParamSpec(name, type, required, defaultValue, min, max, pattern, patternDoc, allowed, secret, line);
  }

  /** Whether {@code min}/{@code max} bound this spec. */
  public boolean bounded() {
    return (type == ParamType.INT || type == ParamType.DURATION)
        && (min != Long.MIN_VALUE || max != Long.MAX_VALUE);
  }
}
