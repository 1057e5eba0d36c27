package io.drwatch.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An enum whose constants have a public config spelling ({@code aws-health}, {@code approval}):
 * the one lookup from spelling to constant, and the one list of spellings for error messages.
 */
public interface ConfigNamed {

  /** The spelling in config files. */
  String configName();

  /** The constant of {@code type} spelled {@code name}, if any. */
  static <E extends Enum<E> & ConfigNamed> Optional<E> fromConfigName(Class<E> type, String name) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.configName().equals(name)).findFirst();
  }

  /** Every spelling of {@code type} in declaration order, "a | b | c", for error messages. */
  static <E extends Enum<E> & ConfigNamed> String allConfigNames(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(ConfigNamed::configName).collect(Collectors.joining(" | "));
  }
}
