package io.drwatch.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An enum whose constants have a public config spelling: the constant's name in lower case with
 * hyphens ({@code AWS_HEALTH} is {@code aws-health}). The one rule for the spelling, the one lookup
 * from spelling to constant, and the one list of spellings for error messages.
 */
public interface ConfigNamed {

  /** The constant's name, as {@link Enum#name()}. */
  String name();

  /** The spelling in config files, derived from {@link #name()}. */
  default String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant of {@code type} spelled {@code name}, if any. */
  static <E extends Enum<E> & ConfigNamed> Optional<E> fromConfigName(Class<E> type, String name) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.configName().equals(name)).findFirst();
  }

  /** Every spelling of {@code type} in declaration order, "a | b | c", for error messages. */
  static <E extends Enum<E> & ConfigNamed> String allConfigNames(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(ConfigNamed::configName).collect(Collectors.joining(" | "));
  }
}
