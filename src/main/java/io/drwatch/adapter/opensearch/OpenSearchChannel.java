package io.drwatch.adapter.opensearch;

import io.drwatch.config.ChannelConfig;
import io.drwatch.adapter.support.TlsTrust;
import io.drwatch.config.Endpoint;
import io.drwatch.config.Secret;
import io.drwatch.port.ChannelProbe;
import io.drwatch.port.ProviderTelemetry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Builds the two signals of an {@code opensearch} channel: the heartbeat canary (leader = {@code
 * primary.url}, follower = {@code replica.url}, passwords from the endpoints) and the follower's
 * {@code _status} telemetry (at {@code statusUrl}, default the follower). Params: {@code index}
 * (the follower index), {@code leaderIndex} (default {@code index}, for the docs and the check
 * that names it), {@code heartbeatIndex} (default {@value #DEFAULT_HEARTBEAT_INDEX}),
 * {@code username} (default admin), {@code auth} and {@code region} (see {@link OsAuth#of}),
 * {@code leaderRegion} (sigv4 region of the leader, default {@code region}).
 *
 * @param canary the heartbeat probe
 * @param telemetry the replication status reader
 */
public record OpenSearchChannel(ChannelProbe canary, ProviderTelemetry telemetry) {
  public static final String DEFAULT_HEARTBEAT_INDEX = "drwatch-heartbeat";

  /** Runs on the starting thread; {@code credentials} is only asked for with {@code auth: sigv4}. */
  public static OpenSearchChannel create(Vertx vertx, ChannelConfig channel,
      Supplier<AwsCredentialsProvider> credentials) {
    Duration timeout = channel.heartbeat().timeout();
    Endpoint leader = channel.primary().orElseThrow();
    Endpoint follower = channel.replica().orElseThrow();
    OsAuth leaderAuth = auth(channel, leader, "primary", credentials);
    OsAuth followerAuth = auth(channel, follower, "replica", credentials);
    String index = channel.param("index");
    String heartbeatIndex = channel.optionalParam("heartbeatIndex").orElse(DEFAULT_HEARTBEAT_INDEX);
    String statusUrl = channel.optionalParam("statusUrl").orElse(follower.url());
    // The CA files are read here, at start; statusUrl is the follower's, so it takes its CA.
    Optional<TlsTrust> leaderTrust = leader.caFile().map(f -> TlsTrust.of(Optional.of(f)));
    Optional<TlsTrust> followerTrust = follower.caFile().map(f -> TlsTrust.of(Optional.of(f)));
    OsHeartbeat canary = new OsHeartbeat(OsHttp.create(vertx, leader.url(), leaderAuth, timeout, leaderTrust),
        OsHttp.create(vertx, follower.url(), followerAuth, timeout, followerTrust), heartbeatIndex, channel.name(),
        Clock.systemUTC());
    ReplicationTelemetry telemetry = new ReplicationTelemetry(
        OsHttp.create(vertx, statusUrl, followerAuth, timeout, followerTrust), index);
    return new OpenSearchChannel(canary, telemetry);
  }

  private static OsAuth auth(ChannelConfig channel, Endpoint endpoint, String side,
      Supplier<AwsCredentialsProvider> credentials) {
    // The follower signs for region; the leader for leaderRegion when it lives elsewhere.
    Optional<String> region = side.equals("primary")
        ? channel.optionalParam("leaderRegion").or(() -> channel.optionalParam("region"))
        : channel.optionalParam("region");
    return OsAuth.of("channel " + channel.name() + " " + side, channel.optionalParam("auth"),
        channel.optionalParam("username"), endpoint.password().map(Secret::value), region, credentials);
  }
}
