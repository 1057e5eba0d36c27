package io.drwatch.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of one kind, in reference order. {@link #read} checks a config's text against
 * them: unknown keys, missing required ones, types, ranges, patterns and allowed values.
 */
public record ParamSchema(List<ParamSpec> specs) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The suffix of a secret param given as a file: {@code passwordFile} for {@code password}. */
  public static final String FILE = "File";
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  public ParamSchema {
    specs = List.copyOf(specs);
    if (specs.stream().map(ParamSpec::name).distinct().count() != specs.size()) {
      throw new IllegalArgumentException("duplicate param names in " + specs);
    }
  }

  public static ParamSchema of(ParamSpec... specs) {
    return new ParamSchema(List.of(specs));
  }

  /** This schema followed by {@code more}. */
  public ParamSchema with(ParamSpec... more) {
    List<ParamSpec> all = new ArrayList<>(specs);
    all.addAll(Arrays.asList(more));
    return new ParamSchema(all);
  }

  public Optional<ParamSpec> spec(String name) {
    return specs.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * Reads {@code raw} against the specs.
   *
   * @param kind named in every error ({@code required for rds-promote})
   * @param errors receives one entry per problem
   * @return the values that are valid, defaults filled in
   */
  public Params read(String kind, Map<String, String> raw, List<ParamError> errors) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String key : raw.keySet()) {
      if (spec(key).isEmpty() && secretOfFileKey(key).isEmpty()) {
        errors.add(new ParamError(key, "unknown param for " + kind + "; allowed: " + String.join(", ",
            new TreeSet<>(specs.stream().map(ParamSpec::name).toList()))
            + (specs.stream().anyMatch(ParamSpec::secret) ? " (a secret also as <name>File)" : "")));
      }
    }
    for (ParamSpec spec : specs) {
      String text = spec.secret() && raw.containsKey(spec.name() + FILE)
          ? SecretFiles.read(spec.name(), raw, errors).orElse(null) : raw.get(spec.name());
      if (spec.secret() && raw.containsKey(spec.name() + FILE) && text == null) {
        continue; // its file's problem is reported already
      }
      boolean given = text != null && !text.isBlank();
      if (!given && spec.required()) {
        errors.add(new ParamError(spec.name(), "required for " + kind));
        continue;
      }
      Optional<String> value = given ? Optional.of(text.strip()) : spec.defaultValue();
      if (value.isEmpty()) {
        continue;
      }
      try {
        values.put(spec.name(), convert(spec, value.get()));
      } catch (IllegalArgumentException e) {
        // A url's path and query often carry secrets: its rule is enough.
        String shown = spec.secret() ? ", was ***" : spec.type() == ParamType.URL ? ""
            : ", was " + (value.get().matches("-?\\d{1,18}") ? value.get() : quote(value.get()));
        errors.add(new ParamError(spec.name(), e.getMessage() + " for " + kind + shown));
      }
    }
    return new Params(kind, values);
  }

  private Optional<ParamSpec> secretOfFileKey(String key) {
    return key.endsWith(FILE)
        ? spec(key.substring(0, key.length() - FILE.length())).filter(ParamSpec::secret) : Optional.empty();
  }

  private static Object convert(ParamSpec spec, String text) {
    return switch (spec.type()) {
      case STRING -> {
        matches(spec, text);
        yield text;
      }
      case INT -> {
        long n;
        try {
          n = Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("must be a whole number");
        }
        if (n < spec.min() || n > spec.max()) {
          throw new IllegalArgumentException("must be between " + spec.min() + " and " + spec.max());
        }
        yield n;
      }
      case DURATION -> {
        Duration d = duration(text);
        if (d.toMillis() < spec.min() || d.toMillis() > spec.max()) {
          throw new IllegalArgumentException("must be between " + millis(spec.min()) + " and " + millis(spec.max()));
        }
        yield d;
      }
      case BOOL -> {
        if (!text.equals("true") && !text.equals("false")) {
          throw new IllegalArgumentException("must be true or false");
        }
        yield Boolean.parseBoolean(text);
      }
      case URL -> url(spec, text);
      case ENUM -> spec.allowed().stream().filter(a -> a.equalsIgnoreCase(text)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("must be one of " + String.join(" | ", spec.allowed())));
      case LIST -> {
        List<String> items = Arrays.stream(text.split(",", -1)).map(String::strip).toList();
        if (items.stream().anyMatch(String::isEmpty)) {
          throw new IllegalArgumentException("must be a comma-separated list without empty items");
        }
        items.forEach(item -> matches(spec, item));
        yield items;
      }
      case JSON -> {
        try {
          JSON.readTree(text);
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException("must be JSON");
        }
        yield text;
      }
    };
  }

  private static void matches(ParamSpec spec, String text) {
    if (spec.pattern().isPresent() && !spec.pattern().get().matcher(text).matches()) {
      throw new IllegalArgumentException("must be " + spec.patternDoc());
    }
  }

  private static URI url(ParamSpec spec, String text) {
    String rule = "must be an absolute url with scheme " + String.join(" or ", spec.allowed());
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || !spec.allowed().contains(scheme)) {
        throw new IllegalArgumentException(rule);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(rule);
    }
  }

  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("must be a duration with a unit (ms, s, m, h), such as 30s");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /** A bound in milliseconds as the config writes it: 1s, 5m, 1500ms. */
  static String millis(long ms) {
    if (ms % 3_600_000 == 0 && ms != 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms != 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
