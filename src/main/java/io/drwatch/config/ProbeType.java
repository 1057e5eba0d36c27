package io.drwatch.config;

import io.drwatch.domain.ConfigNamed;

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

  @Override
  public String toString() {
    return configName;
  }
}
