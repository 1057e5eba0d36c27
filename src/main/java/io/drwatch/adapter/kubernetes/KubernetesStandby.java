package io.drwatch.adapter.kubernetes;

import io.drwatch.adapter.support.Retry;
import io.drwatch.config.ChannelConfig;
import io.drwatch.config.Durations;
import io.drwatch.domain.Texts;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ProviderLag;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ProviderTelemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Channel kind {@code kubernetes}: is the standby cluster ready to take over these deployments?
 * Each read compares every deployment in the standby cluster with the primary's (see {@link
 * StandbyParity}) and reports:
 *
 * <ul>
 *   <li>a deployment missing in the standby cluster: link {@code DOWN} (BROKEN), there is nothing
 *       to scale up;
 *   <li>any drift: LAGGING with the reasons;
 *   <li>a standby at 0 replicas: the {@code warmUp} estimate, added to the projected RTO;
 *   <li>lag 0 "now": nothing replicates here, so RPO is meaningless and reads 0; the condition
 *       carries the meaning.
 * </ul>
 *
 * <p>If the primary API server cannot be read, the standby is compared with the primary's last
 * state read (the detail line says so and since when): in a primary-region outage the standby's
 * readiness is exactly what matters. Before any successful primary read the round fails.
 */
public final class KubernetesStandby implements ProviderTelemetry {
  static final String SOURCE = "kubernetes standby parity";
  static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(60);

  private final Vertx vertx;
  private final KubeClients clients;
  private final KubeTarget primary;
  private final KubeTarget standby;
  private final List<String> deployments;
  private final Duration warmUp;
  private final Duration timeout;
  private final Clock clock;
  private Map<String, DeploymentState> lastPrimary;
  private Instant lastPrimaryAt;

  KubernetesStandby(Vertx vertx, KubeClients clients, KubeTarget primary, KubeTarget standby,
      List<String> deployments, Duration warmUp, Duration timeout, Clock clock) {
    this.vertx = vertx;
    this.clients = clients;
    this.primary = primary;
    this.standby = standby;
    this.deployments = List.copyOf(deployments);
    this.warmUp = warmUp;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** Builds both clients here, on the starting thread (class loading, TLS setup). */
  public static KubernetesStandby create(Vertx vertx, ChannelConfig channel) {
    Map<String, String> p = channel.params();
    String where = "channel " + channel.name();
    KubeTarget primary = KubeTarget.from(p, where, "primaryUrl", "primaryTokenFile", "primaryCaFile",
        "primaryEksCluster", "primaryRegion");
    KubeTarget standby = KubeTarget.from(p, where, "standbyUrl", "standbyTokenFile", "standbyCaFile",
        "eksCluster", "region");
    Duration warmUp = channel.optionalParam("warmUp").map(w -> warmUp(where, w)).orElse(DEFAULT_WARM_UP);
    Duration timeout = channel.heartbeat().timeout();
    KubeClients clients = new KubeClients(timeout);
    clients.client(primary);
    clients.client(standby);
    return new KubernetesStandby(vertx, clients, primary, standby, parseDeployments(where, channel.param("deployments")),
        warmUp, timeout, Clock.systemUTC());
  }

  static List<String> parseDeployments(String where, String text) {
    List<String> ids = new ArrayList<>();
    for (String part : text.split(",")) {
      String id = part.strip();
      int slash = id.indexOf('/');
      if (slash <= 0 || slash == id.length() - 1 || id.indexOf('/', slash + 1) >= 0) {
        throw new IllegalArgumentException(where + ": deployments must be a comma-separated list of namespace/name, "
            + "but has \"" + id + "\"");
      }
      ids.add(id);
    }
    return ids;
  }

  private static Duration warmUp(String where, String text) {
    try {
      Duration d = Durations.parse(text);
      if (!d.isNegative()) {
        return d;
      }
    } catch (IllegalArgumentException e) {
      // reported below with the key and the value
    }
    throw new IllegalArgumentException(where + ": warmUp must be a duration such as 90s, but was \"" + text + "\"");
  }

  @Override
  public Future<ReplicaView> read() {
    return readPrimary().compose(this::readStandby);
  }

  /** The primary's deployments, or the last ones read with a note when the primary fails. */
  private record PrimaryRead(Map<String, DeploymentState> states, Optional<String> note) {}

  private Future<PrimaryRead> readPrimary() {
    // One attempt: the next read is the retry. Retry only adds the label to the failure.
    return Retry.of("primary cluster " + primary.label()).attempts(1)
        .run(vertx, () -> KubeCalls.blocking(vertx, timeout, () -> readAll(primary, Map.of()))).map(states -> {
      lastPrimary = states;
      lastPrimaryAt = clock.instant();
      return new PrimaryRead(states, Optional.<String>empty());
    }).recover(err -> lastPrimary == null ? Future.failedFuture(err)
        : Future.succeededFuture(new PrimaryRead(lastPrimary, Optional.of(err.getMessage()
            + "; compared with the primary as read at " + lastPrimaryAt))));
  }

  /** The comparison runs on the worker as well: it is cheap, but its first run loads many classes. */
  private Future<ReplicaView> readStandby(PrimaryRead p) {
    return Retry.of("standby cluster " + standby.label()).attempts(1)
        .run(vertx, () -> KubeCalls.blocking(vertx, timeout, () -> view(p, readAll(standby, p.states()))));
  }

  /** Blocking: runs on a worker. The standby must also hold what the primary's template needs. */
  private Map<String, DeploymentState> readAll(KubeTarget target, Map<String, DeploymentState> primaryStates) {
    var client = clients.client(target);
    Map<String, DeploymentState> states = new LinkedHashMap<>();
    for (String id : deployments) {
      var needed = Optional.ofNullable(primaryStates.get(id)).map(DeploymentState::templateRefs)
          .orElse(java.util.Set.of());
      states.put(id, DeploymentState.read(client, id, needed));
    }
    return states;
  }

  private ReplicaView view(PrimaryRead p, Map<String, DeploymentState> s) {
    Instant now = clock.instant();
    List<String> absent = new ArrayList<>();
    List<String> drift = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> replicas = new ArrayList<>();
    boolean cold = false;
    for (String id : deployments) {
      DeploymentState standbyState = s.get(id);
      if (standbyState.deployment().isEmpty()) {
        absent.add(id);
        continue;
      }
      StandbyParity.Result r = StandbyParity.compare(p.states().get(id), standbyState);
      drift.addAll(r.drift());
      notes.addAll(r.notes());
      replicas.add(id + "=" + standbyState.replicas());
      cold |= standbyState.replicas() == 0;
    }
    p.note().ifPresent(n -> notes.add(0, n));
    String detail = absent.isEmpty()
        ? "standby replicas " + String.join(", ", replicas) + (cold ? ", warm-up " + Texts.duration(warmUp) : "")
        : "standby cluster has no deployment " + String.join(", ", absent);
    if (!notes.isEmpty()) {
      detail += "; " + String.join("; ", notes);
    }
    ReplicaView view = new ReplicaView(Optional.empty(), absent.isEmpty() ? LinkState.UP : LinkState.DOWN, detail)
        .withReported(new ProviderLag(SOURCE, Duration.ZERO, now));
    if (!drift.isEmpty()) {
      view = view.withDrift(String.join("; ", drift));
    }
    return cold ? view.withWarmUp(warmUp) : view;
  }

  @Override
  public Future<Void> close() {
    return vertx.executeBlocking(() -> {
      clients.close();
      return null;
    }, false);
  }
}
