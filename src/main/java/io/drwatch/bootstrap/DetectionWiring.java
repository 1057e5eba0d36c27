package io.drwatch.bootstrap;

import io.drwatch.domain.ConfigNamed;
import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.sqs.SqsEventConsumer;
import io.drwatch.adapter.http.events.EventsAuth;
import io.drwatch.adapter.http.events.EventsWebhook;
import io.drwatch.adapter.peers.HttpVoteExchange;
import io.drwatch.adapter.peers.VotesEndpoint;
import io.drwatch.app.decide.DecisionLoop;
import io.drwatch.app.decide.DetectionBoard;
import io.drwatch.app.decide.HealthEventSink;
import io.drwatch.app.detect.PeerReports;
import io.drwatch.app.detect.TargetLoop;
import io.drwatch.app.ingest.EventIngest;
import io.drwatch.app.ingest.IngestOutcome;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.config.DetectionConfig;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.config.EventsConfig;
import io.drwatch.config.SqsQueueConfig;
import io.drwatch.config.TargetConfig;
import io.drwatch.domain.MonotonicClock;
import io.drwatch.domain.decide.QuorumPolicy;
import io.drwatch.domain.decide.SignalFamily;
import io.drwatch.domain.decide.Tilt;
import io.drwatch.domain.detect.HealthEvents;
import io.drwatch.domain.detect.SuspicionTracker;
import io.drwatch.domain.round.DetectionSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** Builds the detection half from config: target loops, peers, events, the decision loop. */
final class DetectionWiring {
  private final DecisionLoop loop;
  private final EventIngest ingest;
  private final List<SqsEventConsumer> consumers = new ArrayList<>();
  private final List<SqsAsyncClient> sqsClients = new ArrayList<>();

  private final DetectionBoard board;
  private final Clock clock;

  private DetectionWiring(DecisionLoop loop, EventIngest ingest, DetectionBoard board, Clock clock) {
    this.loop = loop;
    this.ingest = ingest;
    this.board = board;
    this.clock = clock;
  }

  /**
   * @param files where the peer token's current value comes from
   * @param tls the certificate presented to peers and the CAs their certificates are checked against
   */
  static DetectionWiring create(Vertx vertx, DrwatchConfig config, StatusBoard channels,
      DetectionBoard board, Supplier<AwsClients> aws, LiveFiles files, TlsFiles tls) {
    Clock wall = Clock.systemUTC();
    // Votes, reports and hold timers live on the monotonic line; only TILT reads the wall clock.
    Clock clock = MonotonicClock.anchored(wall, System::nanoTime);
    DetectionConfig d = config.detection();
    String observer = config.observer().name();
    QuorumPolicy policy = new QuorumPolicy(
        d.quorum().require().stream().map(n -> ConfigNamed.fromConfigName(SignalFamily.class, n).orElseThrow()).toList(),
        d.quorum().minSignals(), d.quorum().holdFor(), d.quorum().clearAfter());
    DetectionSettings settings = DetectionSettings.of(policy, d.tick(), d.peerFreshness());
    List<DecisionLoop.Target> targets = d.targets().stream()
        .map(t -> new DecisionLoop.Target(targetLoop(vertx, t, observer, settings, clock),
            t.channels()))
        .toList();
    HealthEvents health = healthEvents(d.events());
    Supplier<java.util.Optional<String>> peerToken = files.token(d.peerToken());
    PeerReports peers = d.peers().isEmpty() ? null : new PeerReports(vertx,
        new HttpVoteExchange(vertx, d.peers(), () -> peerToken.get().orElseThrow(), tls.peerClient(),
            d.tick(), settings.peerFreshFor(), clock), peerPoll(d), peerPrompt(d));
    Tilt tilt = new Tilt(d.tilt().clockJump(), d.tilt().stall(), d.tilt().recovery());
    DecisionLoop loop = new DecisionLoop(vertx, observer, 1 + d.peers().size(), targets, settings,
        tilt, health, peers, channels, board, wall, clock, System::nanoTime);
    loop.quietInterval(config.log().quietInterval());
    // Without a primary region no event can vote; they are still validated, counted and ignored.
    EventIngest ingest = EventIngest.create(health == null
        ? e -> IngestOutcome.IGNORED : new HealthEventSink(health, wall, clock));
    DetectionWiring wiring = new DetectionWiring(loop, ingest, board, clock);
    if (health != null) {
      wiring.consumeQueues(vertx, d.events().sqs(), aws);
    }
    return wiring;
  }

  private void consumeQueues(Vertx vertx, List<SqsQueueConfig> queues, Supplier<AwsClients> aws) {
    for (SqsQueueConfig q : queues) {
      AwsEndpoint endpoint = new AwsEndpoint(q.region(), q.endpointOverride().map(URI::create));
      SqsAsyncClient sqs = aws.get().configure(SqsAsyncClient.builder(), endpoint).build();
      sqsClients.add(sqs);
      consumers.add(SqsEventConsumer.create(vertx, sqs, q.queueUrl(), ingest));
    }
  }

  // Twice per tick: a peer's flipped suspicion reaches us within half a tick, not a whole one.
  private static java.time.Duration peerPoll(DetectionConfig d) {
    java.time.Duration half = d.tick().dividedBy(2);
    return half.compareTo(java.time.Duration.ofMillis(100)) < 0 ? java.time.Duration.ofMillis(100) : half;
  }

  // While a suspected target waits on the peers' word (Sentinel asks its peers at once on SDOWN):
  // twice per fastest probe interval. A peer's suspicion flips at most once per interval, at a
  // phase we do not know; polling once per interval cost up to a whole one (measured: ~200 ms of
  // a 1.2 s kill -> declared), half of it costs half.
  private static java.time.Duration peerPrompt(DetectionConfig d) {
    java.time.Duration fastest = d.targets().stream().map(TargetConfig::interval)
        .min(java.time.Duration::compareTo).orElse(d.tick()).dividedBy(2);
    java.time.Duration floor = java.time.Duration.ofMillis(50);
    java.time.Duration poll = peerPoll(d);
    return fastest.compareTo(floor) < 0 ? floor : fastest.compareTo(poll) > 0 ? poll : fastest;
  }

  private static TargetLoop targetLoop(Vertx vertx, TargetConfig t, String observer,
      DetectionSettings settings, Clock clock) {
    SuspicionTracker tracker = new SuspicionTracker(t.name(), observer, t.failuresToSuspect(),
        t.successesToClear(), clock.instant());
    return new TargetLoop(vertx, TargetKinds.probe(vertx, t), tracker, t.interval(), t.timeout(),
        settings.reportFreshFor(t.interval(), t.timeout()), clock);
  }

  // Without a primary region no Health event can be judged, so events are not wired at all.
  private static HealthEvents healthEvents(EventsConfig e) {
    return e.primaryRegion().map(region -> new HealthEvents(new HealthEvents.Config(region,
        Set.copyOf(e.healthServices()), e.voteFreshness(), Set.of(), e.voteFreshness()))).orElse(null);
  }

  /**
   * Mounts the authenticated detection endpoints: peers' votes (peer token, and a client
   * certificate with {@code http.tls.clientCaFile}) and the events webhook (events token).
   */
  void mount(Router router, DrwatchConfig config, LiveFiles files) {
    Supplier<java.util.Optional<String>> peerToken = files.token(config.detection().peerToken());
    boolean clientCert = config.http().tls().flatMap(t -> t.clientCaFile()).isPresent();
    if (peerToken.get().isPresent()) {
      // Served from the last tick's immutable snapshot: the trackers belong to the loop's context.
      VotesEndpoint.mount(router, config.observer().name(), () -> peerToken.get().orElseThrow(),
          clientCert, () -> board.latest().map(io.drwatch.app.decide.Detection::own).orElse(List.of()),
          clock);
    }
    EventsConfig events = config.detection().events();
    EventsWebhook.mount(router, EventsAuth.live(files.token(events.token()), events.header()), ingest);
  }

  void blockedBy(java.util.function.Supplier<List<String>> blockers) {
    loop.blockedBy(blockers);
  }

  EventIngest ingest() {
    return ingest;
  }

  void start() {
    loop.start();
    consumers.forEach(SqsEventConsumer::start);
  }

  /** Stops polling first, then closes the clients the consumers were using. */
  Future<Void> stop() {
    loop.stop();
    List<Future<Void>> stops = consumers.stream().map(SqsEventConsumer::stop).toList();
    return Future.join(stops).transform(ar -> {
      // The shared AWS clients they borrowed are the daemon's to close.
      sqsClients.forEach(SqsAsyncClient::close);
      return Future.<Void>succeededFuture();
    });
  }

}
