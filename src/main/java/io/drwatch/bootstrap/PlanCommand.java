package io.drwatch.bootstrap;

import io.drwatch.adapter.journal.FileJournal;
import io.drwatch.app.failover.PipelineSettings;
import io.drwatch.app.failover.RtoView;
import io.drwatch.app.failover.RunsBoard;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.domain.Texts;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.RtoProjection;
import io.drwatch.domain.runbook.StepSpec;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the runbook DAG in order, each step's projected duration, and the critical path. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Print the runbook in order with projected durations and the projected RTO.")
final class PlanCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE")
  Path config;

  @Override
  public Integer call() throws Exception {
    Optional<DrwatchConfig> loaded = CheckConfigCommand.loadValid(config);
    if (loaded.isEmpty()) {
      return CheckConfigCommand.INVALID;
    }
    DrwatchConfig cfg = loaded.get();
    if (cfg.runbook().isEmpty()) {
      System.err.println(config + ": no runbook section; nothing to plan");
      return CheckConfigCommand.INVALID;
    }
    PipelineSettings settings = RunbookMapping.settings(cfg, cfg.runbook().get());
    RunsBoard runs = history(cfg);
    print(settings, new RtoView(settings, runs, null).project(), runs.runs().size());
    return 0;
  }

  // Measured step durations come from the journals: drills and real runs teach the projection.
  // Both files are only read, so plan runs beside a daemon without its state-dir lock.
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

  private static java.util.List<FailoverRun> read(Vertx vertx, DrwatchConfig cfg, String file)
      throws Exception {
    FileJournal journal = FileJournal.create(vertx, cfg.state().dir(), file);
    try {
      return FailoverRun.replayAll(journal.readAll().toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS)).runs();
    } finally {
      journal.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static void print(PipelineSettings settings, RtoProjection p, int runs) {
    System.out.printf("runbook: %d steps; history: %d runs in the journal (drills in %s)%n%n",
        settings.runbook().steps().size(), runs, DrillRig.JOURNAL);
    System.out.printf("%-3s %-24s %-26s %-10s %-9s %s%n", "#", "step", "action", "projected", "basis", "after");
    int i = 1;
    for (StepSpec s : settings.runbook().order()) {
      var proj = p.steps().stream().filter(x -> x.step().equals(s.id())).findFirst().orElseThrow();
      String flags = (s.fence() ? " [fence]" : "") + (s.promote() ? " [promote]" : "");
      System.out.printf("%-3d %-24s %-26s %-10s %-9s %s%s%n", i++, s.id(), s.action(),
          Texts.duration(proj.projected()), proj.basis().name().toLowerCase() + "(" + proj.samples() + ")",
          s.after().isEmpty() ? "-" : String.join(",", s.after()), flags);
    }
    System.out.printf("%ncritical path: %s (%s)%n", p.criticalPath().text(),
        Texts.duration(p.criticalPath().total()));
    System.out.printf("detection:     %s%n", Texts.duration(p.detection()));
    System.out.printf("projected RTO: %s (objective %s)%n",
        p.isInfinite() ? "+Inf" : Texts.duration(p.total().orElseThrow()),
        Texts.duration(settings.rtoObjective()));
    p.reasons().forEach(r -> System.out.println("  " + r));
  }
}
