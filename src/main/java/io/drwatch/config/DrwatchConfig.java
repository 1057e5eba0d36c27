package io.drwatch.config;

import io.drwatch.domain.Require;
import java.util.List;
import java.util.Optional;

/**
 * The whole drwatch configuration, validated and immutable. Build it with {@link ConfigLoader}.
 *
 * @param observer who this daemon is (a label on every series it exports)
 * @param http where the HTTP API listens
 * @param objectives the RPO/RTO targets for the whole deployment
 * @param channels the replication channels to watch; never empty, names unique
 * @param detection how an outage of the primary is detected; all defaults, with no targets, when
 *     the file has no {@code detection} section
 * @param state where state that survives a restart is kept; {@link StateConfig#defaults()} when
 *     the file has no {@code state} section
 * @param runbook the failover pipeline; empty when the file has no {@code runbook} section, and
 *     then drwatch only detects (shadow mode) and never acts
 * @param coordination which observer executes the runbook; {@link CoordinationConfig#none()} (a
 *     lone observer, locking its state dir) when the file has no {@code coordination} section
 * @param log how verdict lines are logged; {@link LogConfig#defaults()} without a {@code log}
 *     section
 */
public record DrwatchConfig(
    ObserverConfig observer,
    HttpConfig http,
    Objectives objectives,
    List<ChannelConfig> channels,
    DetectionConfig detection,
    StateConfig state,
    Optional<RunbookConfig> runbook,
    CoordinationConfig coordination,
    LogConfig log) {

  /**
   * The same config serving HTTP on an ephemeral port: for one-shot commands (drill) that run
   * beside a daemon already bound to the configured port.
   */
  public DrwatchConfig onEphemeralPort() {
    return new DrwatchConfig(observer, http.withPort(0), objectives, channels,
        detection, state, runbook, coordination, log);
  }

  public DrwatchConfig {
    Require.nonNull("observer", observer, "http", http, "objectives", objectives, "detection", detection,
        "state", state, "runbook", runbook, "coordination", coordination, "log", log);
    channels = List.copyOf(channels);
  }
}
