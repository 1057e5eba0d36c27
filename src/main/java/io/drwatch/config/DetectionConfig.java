package io.drwatch.config;

import io.drwatch.domain.round.DetectionSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Outage detection: what "the primary" is, which signals vote and how they add up. A file without
 * a {@code detection} section reads as {@code detection: {}}: no targets, so the daemon only
 * watches its channels.
 *
 * @param tick the decision loop's period, default 1s, greater than 0
 * @param targets the endpoints to probe, default none; names unique
 * @param quorum the rule that declares an outage
 * @param peers base urls of the other observers, {@code scheme://host:port} with the port filled
 *     in; default none, no duplicates
 * @param peerToken the token for polling the peers, default {@code http.token}; required when
 *     {@code peers} is not empty
 * @param peerFreshness a peer report older than this does not count the peer as a live observer,
 *     default 5s, greater than 0
 * @param tilt when this observer distrusts itself
 * @param events where EventBridge events come from and which count
 */
public record DetectionConfig(
    Duration tick,
    List<TargetConfig> targets,
    QuorumConfig quorum,
    List<String> peers,
    Optional<String> peerToken,
    Duration peerFreshness,
    TiltConfig tilt,
    EventsConfig events) {

  public DetectionConfig {
    Objects.requireNonNull(tick, "tick");
    targets = List.copyOf(targets);
    Objects.requireNonNull(quorum, "quorum");
    peers = List.copyOf(peers);
    Objects.requireNonNull(peerToken, "peerToken");
    Objects.requireNonNull(peerFreshness, "peerFreshness");
    Objects.requireNonNull(tilt, "tilt");
    Objects.requireNonNull(events, "events");
  }

  /**
   * Every default, with no targets, no peers and no tokens: what a file without {@code detection}
   * and without {@code http.token} reads as.
   */
  public static DetectionConfig none() {
    return defaults(Optional.empty());
  }

  static DetectionConfig defaults(Optional<String> peerToken) {
    return new DetectionConfig(
        DetectionSettings.DEFAULT_TICK,
        List.of(),
        QuorumConfig.defaults(),
        List.of(),
        peerToken,
        DetectionSettings.DEFAULT_PEER_FRESH_FOR,
        TiltConfig.defaults(),
        EventsConfig.defaults());
  }

  /** Masks the peer token so that logging a config never leaks it. */
  @Override
  public String toString() {
    return "DetectionConfig[tick="
        + tick
        + ", targets="
        + targets
        + ", quorum="
        + quorum
        + ", peers="
        + peers
        + ", peerToken="
        + peerToken.map(t -> "***")
        + ", peerFreshness="
        + peerFreshness
        + ", tilt="
        + tilt
        + ", events="
        + events
        + "]";
  }
}
