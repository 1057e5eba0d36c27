package io.drwatch.bootstrap;

import io.drwatch.adapter.journal.FileJournal;
import io.drwatch.app.failover.PipelineSettings;
import io.drwatch.app.failover.RtoView;
import io.drwatch.app.failover.RunsBoard;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.RtoProjection;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.Runbook;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@code drwatch plan} prints: the runbook, its RTO objective, and the projection learned
 * from both journals (runs and drills).
 *
 * @param runs how many runs the production journal holds
 */
public record RunbookPlan(Runbook runbook, Duration rtoObjective, RtoProjection projection, int runs) {

  /**
   * Projects the runbook of a valid config (one with a runbook section). Both journals are only
   * read, so this runs beside a daemon without its state-dir lock.
   */
  public static RunbookPlan of(DrwatchConfig cfg) throws Exception {
    PipelineSettings settings = RunbookMapping.settings(cfg, cfg.runbook().orElseThrow());
    RunsBoard runs = history(cfg);
    return new RunbookPlan(settings.runbook(), settings.rtoObjective(),
        new RtoView(settings, runs, null).project(), runs.runs().size());
  }

  /**
   * The operator-only runbooks of a valid config, by section name ({@code reprotect},
   * {@code switchover}), in that order; absent sections are left out.
   */
  public static Map<String, Runbook> operatorRunbooks(DrwatchConfig cfg) {
    PipelineSettings settings = RunbookMapping.settings(cfg, cfg.runbook().orElseThrow());
    Map<String, Runbook> out = new LinkedHashMap<>();
    for (RunMode mode : List.of(RunMode.REPROTECT, RunMode.SWITCHOVER)) {
      settings.operatorRunbook(mode).ifPresent(m -> out.put(mode.word(), m.runbook()));
    }
    return out;
  }

  // Measured step durations come from the journals: drills and real runs teach the projection.
  private static RunsBoard history(DrwatchConfig cfg) throws Exception {
    RunsBoard runs = new RunsBoard();
    Vertx vertx = Vertx.vertx();
    try {
      read(vertx, cfg, FileJournal.FILE_NAME).forEach(runs::put);
      runs.drillHistory(read(vertx, cfg, DrillRig.JOURNAL));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    return runs;
  }

  private static List<FailoverRun> read(Vertx vertx, DrwatchConfig cfg, String file) throws Exception {
    FileJournal journal = FileJournal.create(vertx, cfg.state().dir(), file);
    try {
      return FailoverRun.replayAll(journal.readAll().toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS)).runs();
    } finally {
      journal.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
