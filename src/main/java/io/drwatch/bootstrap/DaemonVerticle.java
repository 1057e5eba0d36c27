package io.drwatch.bootstrap;

import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.http.BearerToken;
import io.drwatch.adapter.http.HealthApi;
import io.drwatch.adapter.http.HttpApi;
import io.drwatch.adapter.http.Listener;
import io.drwatch.adapter.http.ReadGate;
import io.drwatch.adapter.peers.HttpVoteExchange;
import java.util.Set;
import io.drwatch.adapter.metrics.AwsMetrics;
import io.drwatch.adapter.metrics.ChannelMetrics;
import io.drwatch.adapter.metrics.DaemonMeters;
import io.drwatch.adapter.metrics.DetectionMetrics;
import io.drwatch.adapter.metrics.EventMetrics;
import io.drwatch.app.decide.DetectionBoard;
import io.drwatch.app.probe.ProbeLoop;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.config.ChannelConfig;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.drwatch.domain.runbook.RtoProjection;
import java.util.Optional;
import java.util.function.Supplier;

/** Wires config to probes, the status board, metrics and HTTP, all on this verticle's context. */
final class DaemonVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(DaemonVerticle.class.getName());
  // How often a token file is looked at when no http.tls.checkEvery says otherwise.
  private static final java.time.Duration SECRET_CHECK = java.time.Duration.ofSeconds(10);
  private final DrwatchConfig config;
  private io.drwatch.app.probe.DirectedLoops loops;
  private final DaemonMeters meters;
  private final PrometheusMeterRegistry registry;
  private final DetectionBoard detection = new DetectionBoard();
  private final SharedAws aws = SharedAws.withDefaults();
  private CloudWatchReaders cloudWatch;
  private StatusBoard board;
  private DetectionWiring detectionWiring;
  private FailoverWiring failoverWiring;
  private SampleWiring samples;
  private Listener server;
  private LiveFiles files;
  private Router router;

  DaemonVerticle(DrwatchConfig config) {
    this.config = config;
    this.meters = new DaemonMeters(config.observer().name(), DaemonMeters.version());
    this.registry = meters.registry();
  }

  StatusBoard board() {
    return board;
  }

  DetectionBoard detection() {
    return detection;
  }

  FailoverWiring failover() {
    return failoverWiring;
  }

  int httpPort() {
    return server == null ? -1 : server.port();
  }

  /**
   * Builds everything on the calling thread, before deployment: constructing the daemon loads
   * hundreds of classes, which on a cold JVM would block the event loop for seconds. start()
   * then only starts the timers.
   */
  Future<Void> prepare(Vertx vertx) {
    board = board(config);
    ChannelMetrics channelMetrics = new ChannelMetrics(board, config.observer().name());
    channelMetrics.bindTo(registry);
    new DetectionMetrics(detection).bindTo(registry);
    warmUpAws();
    TlsFiles.warmUp(config);
    TlsFiles tls = TlsFiles.read(config);
    files = new LiveFiles(vertx, config.http().tls().map(t -> t.checkEvery()).orElse(SECRET_CHECK));
    detectionWiring = DetectionWiring.create(vertx, config, board, detection, aws, files, tls);
    new EventMetrics(detectionWiring.ingest()).bindTo(registry);
    if (config.runbook().isPresent()) {
      // The lease: ZooKeeper's with coordination, else the lock on state.dir that refuses a second daemon.
      io.drwatch.port.ExecutorLease lease = Coordination.lease(vertx, config);
      failoverWiring = FailoverWiring.create(vertx, config, config.runbook().get(), board, List.of(), aws,
          lease, io.drwatch.adapter.journal.FileJournal.FILE_NAME, Coordination.mirror(lease));
      failoverWiring.bind(registry);
      detectionWiring.blockedBy(failoverWiring::blockers);
      failoverWiring.follow(detection);
    } else {
      detectionWiring.blockedBy(() -> List.of("no runbook configured"));
    }
    cloudWatch = CloudWatchReaders.withDefaults(vertx, aws);
    AwsUsageView awsUsage = new AwsUsageView(aws.requests(), cloudWatch);
    AwsMetrics awsMetrics = new AwsMetrics(awsUsage);
    awsMetrics.bindTo(registry);
    loops = directedLoops(new ChannelKinds.Deps(vertx, aws, cloudWatch), config, board, meters::tickJitter);
    if (failoverWiring != null) {
      failoverWiring.runs().onTopology(loops::follow);
      loops.follow(failoverWiring.runs().topology());
      new io.drwatch.app.probe.ReprotectConfirmation(board, loops::readsReversed, failoverWiring::leaseHeld,
          failoverWiring::reprotected, Clock.systemUTC()).watch();
    }
    // Operations become series when first called: register them before each scrape.
    router = HttpApi.router(vertx, board, detection, () -> {
      awsMetrics.refresh();
      return channelMetrics.render(registry.scrape());
    }, config.observer().name(), awsUsage,
        failoverWiring == null ? () -> null : failoverWiring::statusJson);
    if (config.http().readToken().isPresent()) {
      ReadGate.mount(router, files.token(config.http().readToken()), Set.of(HttpVoteExchange.PATH));
    }
    detectionWiring.mount(router, config, files);
    Supplier<Optional<RtoProjection>> rto = failoverWiring == null ? Optional::empty
        : () -> Optional.of(failoverWiring.rto().project());
    HealthApi.mount(router, board, rto, config.objectives().rto(), Clock.systemUTC());
    samples = SampleWiring.create(vertx, config, board, rto);
    samples.mount(router);
    if (failoverWiring != null) {
      failoverWiring.mount(router, new BearerToken(files.token(config.runbook().get().token())));
    }
    registry.scrape();
    // Binding from this thread too: the first bind in a JVM loads the transport's classes, and the
    // first TLS context its provider's.
    tls.watch(files, config);
    return Listener.listen(vertx, router, config.http(), tls.listener())
        .onSuccess(s -> server = s).mapEmpty();
  }

  @Override
  public Future<?> start() {
    Future<Void> recovered = failoverWiring == null ? Future.succeededFuture() : failoverWiring.start();
    return recovered
        .onSuccess(v -> loops.start())
        .onSuccess(v -> files.start())
        .onSuccess(v -> detectionWiring.start())
        .compose(v -> samples.start());
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> closing = new ArrayList<>();
    if (detectionWiring != null) {
      closing.add(detectionWiring.stop());
    }
    if (loops != null) {
      closing.add(loops.stop());
    }
    if (files != null) {
      files.stop();
    }
    if (server != null) {
      closing.add(server.close());
    }
    if (failoverWiring != null) {
      closing.add(failoverWiring.stop());
    }
    if (samples != null) {
      closing.add(samples.stop());
    }
    return Future.join(closing).eventually(() -> {
      if (cloudWatch != null) {
        cloudWatch.close();
      }
      aws.close();
      meters.close();
      return Future.succeededFuture();
    });
  }

  // Channels on AWS build the shared clients here, on the starting thread, so a missing role shows at once.
  private void warmUpAws() {
    boolean needed = config.channels().stream().anyMatch(c -> ChannelKinds.needsAws(c.kind()))
        || !config.detection().events().sqs().isEmpty();
    if (needed) {
      String problem = aws.warmUp();
      if (!problem.isEmpty()) {
        LOG.log(System.Logger.Level.WARNING, "AWS credentials not resolved at startup ({0}); "
            + "AWS channels report it each round until they are", problem);
      }
    }
  }

  /** Every channel's status before its first round. */
  static StatusBoard board(DrwatchConfig config) {
    return new StatusBoard(config.channels().stream()
        .map(c -> ChannelStatus.initial(spec(c), Instant.now())).toList());
  }

  /** One probe loop per channel, publishing to {@code board}; not started. */
  static List<ProbeLoop> probeLoops(ChannelKinds.Deps deps, DrwatchConfig config, StatusBoard board) {
    return config.channels().stream().map(c -> ProbeLoop.create(deps.vertx(), spec(c),
        ChannelKinds.probe(deps, c), board, c.heartbeat().timeout())).toList();
  }

  /** Each channel's loop in the direction the journal's topology says (see {@link ProbeDirection}). */
  private static io.drwatch.app.probe.DirectedLoops directedLoops(ChannelKinds.Deps deps,
      DrwatchConfig config, StatusBoard board, java.util.function.LongConsumer jitter) {
    java.util.Map<String, ChannelConfig> byName = new java.util.LinkedHashMap<>();
    config.channels().forEach(c -> byName.put(c.name(), c));
    return new io.drwatch.app.probe.DirectedLoops(deps.vertx(), List.copyOf(byName.keySet()), (name, reversed) -> {
      ChannelConfig c = ProbeDirection.of(byName.get(name), reversed);
      ProbeLoop loop = ProbeLoop.create(deps.vertx(), spec(c), ChannelKinds.probe(deps, c), board,
          c.heartbeat().timeout());
      loop.reportJitter(jitter);
      return loop;
    });
  }

  static ChannelSpec spec(ChannelConfig c) {
    return new ChannelSpec(c.name(), c.kind(), c.heartbeat().interval(), c.rpoObjective(),
        c.heartbeat().stallIntervals());
  }
}
