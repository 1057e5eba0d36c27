package io.drwatch.config;

import io.drwatch.domain.Require;
import io.drwatch.domain.round.DetectionSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Outage detection: what "the primary" is, which signals vote and how they add up. A file without
 * a {@code detection} section reads as {@code detection: {}}: no targets, so the daemon only
 * watches its channels. {@code detection.profile} is not kept here: it only supplies the defaults
 * of the target and quorum keys ({@code DetectionProfile}), so a preset and the same keys written
 * out read as equal configs.
 *
 * @param tick the decision loop's period, default 1s, greater than 0
 * @param targets the endpoints to probe, default none; names unique
 * @param quorum the rule that declares an outage
 * @param peers the other observers, each a base url ({@code scheme://host:port}, port filled in)
 *     and optionally the name it must report as; default none, no duplicate urls
 * @param peerToken the token of {@code GET /api/v1/votes}, ours and the peers' alike; required
 *     when {@code peers} is not empty, and no other role's token
 * @param peerCaFile PEM CA bundle that peers' https certificates are checked against; empty: the
 *     JVM's trust store
 * @param peerFreshness a peer report older than this does not count the peer as a live observer,
 *     default 5s, greater than 0
 * @param tilt when this observer distrusts itself
 * @param events where EventBridge events come from and which count
 */
public record DetectionConfig(
    Duration tick,
    List<TargetConfig> targets,
    QuorumConfig quorum,
    List<PeerConfig> peers,
    Optional<Secret> peerToken,
    Optional<java.nio.file.Path> peerCaFile,
    Duration peerFreshness,
    TiltConfig tilt,
    EventsConfig events) {

  public DetectionConfig {
    Require.nonNull("tick", tick, "quorum", quorum, "peerToken", peerToken, "peerCaFile", peerCaFile,
        "peerFreshness", peerFreshness, "tilt", tilt, "events", events);
    targets = List.copyOf(targets);
    peers = List.copyOf(peers);
  }

  /** Every default, with no targets, no peers and no tokens: a file without {@code detection}. */
  public static DetectionConfig none() {
    return new DetectionConfig(
        DetectionSettings.DEFAULT_TICK,
        List.of(),
        QuorumConfig.defaults(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        DetectionSettings.DEFAULT_PEER_FRESH_FOR,
        TiltConfig.defaults(),
        EventsConfig.defaults());
  }
}
