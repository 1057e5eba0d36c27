package io.drwatch.config;

import io.drwatch.domain.ConfigNamed;
import java.util.Optional;

/** How a detection target is checked. The config name is the public spelling. */
public enum ProbeType implements ConfigNamed {
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

  @Override
  public String configName() {
    return configName;
  }

  public static Optional<ProbeType> fromConfigName(String name) {
    return ConfigNamed.fromConfigName(ProbeType.class, name);
  }

  /** "tcp | http | postgres | redis", for error messages. */
  public static String allConfigNames() {
    return ConfigNamed.allConfigNames(ProbeType.class);
  }

  @Override
  public String toString() {
    return configName;
  }
}
