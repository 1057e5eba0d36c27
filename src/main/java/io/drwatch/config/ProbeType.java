package io.drwatch.config;

import io.drwatch.domain.ConfigNamed;

/** How a detection target is checked. The config name is the public spelling. */
public enum ProbeType implements ConfigNamed {
  /** Open a TCP connection to {@code host:port}. */
  TCP,
  /** Send a GET, expect a status and optionally a piece of the body. */
  HTTP,
  /** Connect and run a trivial query. */
  POSTGRES,
  /** Connect and send PING. */
  REDIS;

  @Override
  public String toString() {
    return configName();
  }
}
