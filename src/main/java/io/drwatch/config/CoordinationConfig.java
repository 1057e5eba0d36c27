package io.drwatch.config;

import java.util.Objects;
import java.util.Optional;

/**
 * How observers agree on which one executes the runbook ({@code coordination}).
 *
 * @param zookeeper the ensemble holding the executor lease; empty when the file has no {@code
 *     coordination.zookeeper}, and then this daemon is a lone observer that locks its state dir
 *     instead. Required when {@code detection.peers} is set and {@code runbook.mode} is {@code
 *     auto}, since several observers would otherwise each execute the runbook
 */
public record CoordinationConfig(Optional<ZooKeeperConfig> zookeeper) {

  public CoordinationConfig {
    Objects.requireNonNull(zookeeper, "zookeeper");
  }

  /** A lone observer: what a file without a {@code coordination} section reads as. */
  public static CoordinationConfig none() {
    return new CoordinationConfig(Optional.empty());
  }
}
