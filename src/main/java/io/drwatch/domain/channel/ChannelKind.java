package io.drwatch.domain.channel;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The replication technologies drwatch knows. The config name is the public spelling. */
public enum ChannelKind {
  POSTGRES("postgres"),
  REDIS("redis");

  private final String configName;

  ChannelKind(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static Optional<ChannelKind> fromConfigName(String name) {
    return Arrays.stream(values()).filter(k -> k.configName.equals(name)).findFirst();
  }

  /** "postgres | redis", for error messages. */
  public static String allConfigNames() {
    return Arrays.stream(values()).map(ChannelKind::configName).collect(Collectors.joining(" | "));
  }

  @Override
  public String toString() {
    return configName;
  }
}
