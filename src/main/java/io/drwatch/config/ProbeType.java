package io.drwatch.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a detection target is checked. The config name is the public spelling. */
public enum ProbeType {
  /** Open a TCP connection to {@code host:port}. */
  TCP("tcp"),
  /** Send a GET, expect a status and optionally a piece of the body. */
  HTTP("http"),
  /** Connect and run a trivial query. */
  POSTGRES("postgres"),
  /** Connect and send PING. */
  REDIS("redis");

  private final String configName;

  ProbeType(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static Optional<ProbeType> fromConfigName(String name) {
    return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst();
  }

  /** "tcp | http | postgres | redis", for error messages. */
  public static String allConfigNames() {
    return Arrays.stream(values()).map(ProbeType::configName).collect(Collectors.joining(" | "));
  }

  @Override
  public String toString() {
    return configName;
  }
}
