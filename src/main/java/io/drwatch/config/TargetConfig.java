package io.drwatch.config;

import io.drwatch.domain.Require;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One endpoint whose reachability says whether "the primary" is up, from this observer's point of
 * view (Sentinel's SDOWN).
 *
 * @param name unique among targets, matches {@code [a-z0-9][a-z0-9-]{0,62}} (a bounded Prometheus
 *     label value)
 * @param probe how the target is checked
 * @param address in canonical form per probe: tcp {@code host:port}; http an http(s) url, as
 *     written; postgres {@code postgresql://user@host:port/db} and redis {@code redis[s]://[user@]host:port}
 *     with the same rules and canonical form as {@link Endpoint#url}
 * @param password postgres and redis only; empty when not configured, never empty text. A {@link
 *     Secret}, which masks itself, so the record's own toString never leaks it
 * @param interval time between checks, default 1s, greater than 0
 * @param timeout limit for one check, greater than 0 and at most {@code interval}; default 800ms,
 *     or {@code interval} when that is shorter
 * @param failuresToSuspect consecutive failures before the target is suspected, default 3, at least
 *     1
 * @param successesToClear consecutive successes before a suspicion clears, default 2, at least 1
 * @param channels names of channels whose primary this target is; each names an entry of {@code
 *     channels}, no duplicates; default none
 * @param expectStatus the status an http check must get, 100..599, default 200; only configurable
 *     for http targets
 * @param bodyContains text the http response body must contain; empty when not configured; only
 *     configurable for http targets
 * @param caFile postgres and redis only: the PEM bundle the server's certificate is checked
 *     against; empty: the JVM trust store
 * @param iamAuth postgres and redis only: an IAM token per connection instead of a password
 */
public record TargetConfig(
    String name,
    ProbeType probe,
    String address,
    Optional<Secret> password,
    Duration interval,
    Duration timeout,
    int failuresToSuspect,
    int successesToClear,
    List<String> channels,
    int expectStatus,
    Optional<String> bodyContains,
    Optional<Path> caFile,
    Optional<IamAuth> iamAuth) {

  public TargetConfig {
    Require.nonNull("name", name, "probe", probe, "address", address, "password", password, "interval", interval,
        "timeout", timeout, "bodyContains", bodyContains, "caFile", caFile, "iamAuth", iamAuth);
    channels = List.copyOf(channels);
  }

  /** A target without a CA file or IAM auth. */
  public TargetConfig(String name, ProbeType probe, String address, Optional<Secret> password, Duration interval,
      Duration timeout, int failuresToSuspect, int successesToClear, List<String> channels, int expectStatus,
      Optional<String> bodyContains) {
    this(name, probe, address, password, interval, timeout, failuresToSuspect, successesToClear, channels,
        expectStatus, bodyContains, Optional.empty(), Optional.empty());
  }

  /** The connection details in the form channel endpoints use, for the postgres and redis probes. */
  public Endpoint endpoint() {
    return new Endpoint(address, password, caFile, iamAuth);
  }
}
