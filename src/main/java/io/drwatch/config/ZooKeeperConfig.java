package io.drwatch.config;

import io.drwatch.domain.Require;
import java.time.Duration;

/**
 * The ZooKeeper ensemble that elects the one executing observer ({@code coordination.zookeeper}).
 *
 * @param connect the ensemble as {@code host:port,host:port,...}, every port given; required
 * @param path the znode under which drwatch keeps its election, epoch and journal mirror, such as
 *     {@code /drwatch/prod}; required, starts with {@code /}, does not end with {@code /}. Every
 *     observer of one deployment uses the same path; different deployments use different ones
 * @param sessionTimeout how long the ensemble waits for a silent observer before it ends its
 *     session and so its lease; default 10s, 1s..5m (the ensemble may narrow it to its own
 *     min/max session timeout)
 */
public record ZooKeeperConfig(String connect, String path, Duration sessionTimeout) {

  /** What {@code sessionTimeout} reads as when absent. */
  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

  public ZooKeeperConfig {
    Require.nonNull("connect", connect, "path", path, "sessionTimeout", sessionTimeout);
  }
}
