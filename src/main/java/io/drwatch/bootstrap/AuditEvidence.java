package io.drwatch.bootstrap;

import io.drwatch.adapter.journal.FileJournal;
import io.drwatch.adapter.report.ReportFormat;
import io.drwatch.adapter.samples.SampleReader;
import io.drwatch.config.ChannelConfig;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.domain.report.AuditReport;
import io.drwatch.domain.report.AuditReports;
import io.drwatch.domain.report.AuditReports.Window;
import io.drwatch.domain.report.RunEvidence;
import io.drwatch.domain.report.Since;
import io.drwatch.domain.runbook.FailoverRun;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The audit report from the samples store and both journals ({@code journal.jsonl} and
 * {@code drill-journal.jsonl}). Everything is only read: no lock is taken, so it runs beside a
 * daemon, from {@code drwatch report} or from the daemon's own {@code GET /api/v1/report}.
 */
public final class AuditEvidence {
  private AuditEvidence() {}

  /**
   * {@code drwatch report}: blocking, on the caller's thread.
   *
   * @throws io.drwatch.domain.CodedFailure BAD_PARAMS for a bad since or format, NOT_FOUND when
   *     the state dir has no samples store
   */
  public static String render(DrwatchConfig cfg, String since, String format) throws Exception {
    Duration window = Since.parse(since);
    ReportFormat f = ReportFormat.parse(format);
    Vertx vertx = Vertx.vertx();
    List<FailoverRun> runs;
    try {
      runs = runs(vertx, cfg.state().dir()).toCompletionStage().toCompletableFuture()
          .get(60, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    return f.render(build(cfg, window, Instant.now(), runs));
  }

  /** Reads the store (blocking JDBC: call off the event loop) and computes the report. */
  static AuditReport build(DrwatchConfig cfg, Duration since, Instant now, List<FailoverRun> runs)
      throws SQLException {
    Window w = Window.last(since, now);
    Map<String, Duration> objectives = objectives(cfg);
    List<RunEvidence> evidence = new ArrayList<>();
    runs.forEach(r -> RunEvidence.of(r, cfg.objectives().rto(), objectives).ifPresent(evidence::add));
    try (SampleReader reader = SampleReader.open(cfg.state().dir())) {
      return AuditReports.compute(now, w, objectives, cfg.objectives().rto(),
          reader.spans(w.tier(), w.from(), w.to()), reader.rto(w.tier(), w.from(), w.to()), evidence,
          reader.probeErrors(w.from(), w.to()));
    }
  }

  static Map<String, Duration> objectives(DrwatchConfig cfg) {
    Map<String, Duration> out = new LinkedHashMap<>();
    for (ChannelConfig c : cfg.channels()) {
      out.put(c.name(), c.rpoObjective());
    }
    return out;
  }

  /** Every run of both journals; a missing journal has none. */
  static Future<List<FailoverRun>> runs(Vertx vertx, Path stateDir) {
    return read(vertx, stateDir, FileJournal.FILE_NAME).compose(prod ->
        read(vertx, stateDir, DrillRig.JOURNAL).map(drills -> {
          List<FailoverRun> all = new ArrayList<>(prod);
          all.addAll(drills);
          return all;
        }));
  }

  private static Future<List<FailoverRun>> read(Vertx vertx, Path stateDir, String file) {
    FileJournal journal = FileJournal.create(vertx, stateDir, file);
    return journal.readAll().map(records -> FailoverRun.replayAll(records).runs())
        .eventually(journal::close);
  }
}
