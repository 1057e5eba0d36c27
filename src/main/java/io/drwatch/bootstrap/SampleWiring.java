package io.drwatch.bootstrap;

import io.drwatch.adapter.report.ReportFormat;
import io.drwatch.adapter.report.ReportRoute;
import io.drwatch.adapter.samples.SampleWriter;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.report.ProbeErrorChange;
import io.drwatch.domain.report.ProbeErrorWatch;
import io.drwatch.domain.report.RtoSpan;
import io.drwatch.domain.report.Span;
import io.drwatch.domain.runbook.RtoProjection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Samples every channel's RPO and condition, and the projected RTO, once a second (and each
 * change of a channel's probe failure code) into
 * {@code <state.dir>/samples.db}, and serves the audit report. The sampler reads the status board
 * on the event loop (in memory, cheap); the store writes on its own worker thread. A store that
 * cannot be opened costs the evidence, never the daemon: it is logged and sampling stays off.
 */
public final class SampleWiring {
  private static final System.Logger LOG = System.getLogger("io.drwatch.samples");
  /** Four looks a second, one sample a second: a timer late by up to 750 ms skips no second. */
  static final Duration PERIOD = Duration.ofMillis(250);

  private final Vertx vertx;
  private final DrwatchConfig config;
  private final StatusBoard board;
  private final Supplier<Optional<RtoProjection>> rto;
  private final Clock clock;
  private volatile SampleWriter writer;
  private long timer = -1;
  private long lastSecond = Long.MIN_VALUE;
  private final ProbeErrorWatch errors = new ProbeErrorWatch();

  private SampleWiring(Vertx vertx, DrwatchConfig config, StatusBoard board,
      Supplier<Optional<RtoProjection>> rto, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.board = board;
    this.rto = rto;
    this.clock = clock;
  }

  /**
   * The sampler and the report route, not started: no I/O here, so the daemon builds it with the
   * rest of its wiring and mounts the route before it listens.
   *
   * @param rto the projection now, empty without a runbook (no RTO is sampled then)
   */
  public static SampleWiring create(Vertx vertx, DrwatchConfig config, StatusBoard board,
      Supplier<Optional<RtoProjection>> rto) {
    return create(vertx, config, board, rto, Clock.systemUTC());
  }

  // VisibleForTesting: a clock the test moves.
  static SampleWiring create(Vertx vertx, DrwatchConfig config, StatusBoard board,
      Supplier<Optional<RtoProjection>> rto, Clock clock) {
    // On the starting thread (the daemon's prepare): the first tick must not pay the class
    // loading on the event loop.
    Span.sample("warm-up", 0, "HEALTHY", Optional.of(Duration.ZERO), Duration.ZERO).rpo().encode();
    RtoSpan.sample(0, Optional.empty(), Duration.ZERO);
    return new SampleWiring(vertx, config, board, rto, clock);
  }

  /** Opens the store and samples every second on the calling context; never fails. */
  public Future<Void> start() {
    return start(PERIOD);
  }

  // VisibleForTesting: a shorter period.
  Future<Void> start(Duration period) {
    return SampleWriter.open(vertx, config.state().dir())
        .onSuccess(w -> {
          writer = w;
          timer = vertx.setPeriodic(period.toMillis(), id -> tick());
        })
        .recover(err -> {
          LOG.log(Level.WARNING, "audit samples off: " + err.getMessage()
              + "; the report will show this time as unobserved");
          return Future.succeededFuture();
        }).mapEmpty();
  }

  /** True when samples are being written. */
  public boolean sampling() {
    return writer != null;
  }

  /** Mounts {@code GET /api/v1/report}. */
  public void mount(Router router) {
    ReportRoute.mount(router, this::render);
  }

  /** The first tick in a second samples it; a stall longer than that leaves seconds unobserved. */
  void tick() {
    long second = clock.instant().getEpochSecond();
    if (second <= lastSecond) {
      return;
    }
    lastSecond = second;
    List<ChannelStatus> channels = board.channels();
    List<Span> samples = channels.stream().map(s -> Span.sample(s.name(), second,
        s.condition().name(), s.rpo(), s.spec().rpoObjective())).toList();
    // The board clears a channel's code when a round fully succeeds: that change is stored too.
    List<ProbeErrorChange> changes = channels.stream().flatMap(s -> errors.observe(s.name(), second,
        board.lastErrorCode(s.name()).map(FailureCode::label), s.lastError()).stream()).toList();
    List<RtoSpan> projected;
    try {
      projected = rto.get().map(p -> List.of(RtoSpan.sample(second, p.total(),
          config.objectives().rto()))).orElse(List.of());
    } catch (RuntimeException e) {
      // The channels' second is still evidence; this one's RTO is left unobserved.
      LOG.log(Level.WARNING, "audit samples: no RTO projection at " + second + ": " + e.getMessage());
      projected = List.of();
    }
    if (writer != null) {
      writer.offer(samples, projected, changes);
    }
  }

  Future<String> render(Duration since, ReportFormat format) {
    Instant now = clock.instant();
    return AuditEvidence.runs(vertx, config.state().dir()).compose(runs -> vertx.executeBlocking(() ->
        format.render(AuditEvidence.build(config, since, now, runs)), false))
        .recover(err -> Future.failedFuture(err instanceof CodedFailure ? err
            : CodedFailure.of(FailureCode.UNREACHABLE, "audit report: " + err.getMessage(), null, 0, null, err)));
  }

  SampleWriter writer() {
    return writer;
  }

  /** Stops sampling, writes what is pending, closes the store. */
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return writer == null ? Future.succeededFuture() : writer.close();
  }
}
