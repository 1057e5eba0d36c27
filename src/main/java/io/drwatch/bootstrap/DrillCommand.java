package io.drwatch.bootstrap;

import io.drwatch.app.failover.FailoverPipeline;
import io.drwatch.app.failover.RunsBoard;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.domain.Texts;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.StepRecord;
import io.drwatch.domain.runbook.StepState;
import io.drwatch.domain.runbook.Trigger;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Executes the runbook in drill mode (each step's own drill params; a step without them is not
 * drilled) with the channels watched, one progress line per step, then reports the measured RTO
 * and RPO. Journals to {@value DrillRig#JOURNAL}, never to the production journal.
 */
@Command(name = "drill", mixinStandardHelpOptions = true,
    description = "Run the runbook against the drill targets and report measured RTO and RPO.")
final class DrillCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE")
  Path config;

  @Option(names = "--timeout", defaultValue = "15m", paramLabel = "DURATION",
      description = "Give up waiting for the run after this long. Default: ${DEFAULT-VALUE}")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    Optional<DrwatchConfig> loaded = CheckConfigCommand.loadValid(config);
    if (loaded.isEmpty()) {
      return CheckConfigCommand.INVALID;
    }
    DrwatchConfig cfg = loaded.get();
    if (cfg.runbook().isEmpty()) {
      System.err.println(config + ": no runbook section; nothing to drill");
      return CheckConfigCommand.INVALID;
    }
    // Beside a running daemon: no listener, no detection, a journal of its own (DrillRig).
    try (DrillRig daemon = DrillRig.start(cfg)) {
      return drill(daemon, cfg);
    }
  }

  private int drill(DrillRig daemon, DrwatchConfig cfg) throws Exception {
    // An RPO needs two rounds (a heartbeat written, then seen on the replica): without it the
    // drill could not measure the loss at promotion.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!daemon.board().channels().stream().allMatch(s -> s.rpo().isPresent())
        && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    FailoverPipeline pipeline = daemon.pipeline();
    RunsBoard runs = daemon.runs();
    Map<String, Duration> rpo = new LinkedHashMap<>();
    daemon.board().channels().forEach(s -> s.rpo().ifPresent(r -> rpo.put(s.name(), r)));
    CompletableFuture<FailoverRun> done = new CompletableFuture<>();
    Instant began = Instant.now();
    Map<String, StepState> printed = new HashMap<>();
    runs.onChange(r -> {
      progress(r, began, printed);
      // A successful drill is reported once its measurement is journaled.
      if (r.mode() == RunMode.DRILL && r.state().isTerminal()
          && (r.state() != RunState.SUCCEEDED || r.measured().isPresent())) {
        done.complete(r);
      }
    });
    System.out.println("drill: starting; channels' RPO now " + describe(rpo));
    daemon.vertx().runOnContext(v -> pipeline.trigger(RunMode.DRILL,
        new Trigger(List.of("drill from the command line"), rpo), false)
        .onFailure(done::completeExceptionally));
    FailoverRun run = done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    report(run, RunbookMapping.detection(cfg));
    return run.state() == RunState.SUCCEEDED ? 0 : 1;
  }

  private static void progress(FailoverRun r, Instant began, Map<String, StepState> printed) {
    for (StepRecord s : r.steps().values()) {
      if (s.state() != StepState.PLANNED && printed.put(s.step(), s.state()) != s.state()) {
        System.out.printf("[+%s] %-24s %-9s %s%n", Texts.duration(Duration.between(began, Instant.now())),
            s.step(), s.state().name().toLowerCase(), s.message());
      }
    }
  }

  private static void report(FailoverRun run, Duration detection) {
    Duration steps = Duration.between(run.startedAt().orElseThrow(), run.endedAt().orElseThrow());
    System.out.printf("%ndrill %s: %s%s%n", run.runId(), run.state(),
        run.reason().isEmpty() ? "" : " (" + run.reason() + ")");
    run.measured().ifPresent(m -> {
      System.out.printf("measured RTO: %s (projected detection %s + steps %s)%n",
          Texts.duration(m.rto()), Texts.duration(detection), Texts.duration(steps));
      System.out.printf("measured RPO at promotion (canary): %s%n", describe(m.rpo()));
      System.out.println("both are journaled in " + DrillRig.JOURNAL + ", with each step's duration.");
    });
  }

  private static String describe(Map<String, Duration> rpo) {
    if (rpo.isEmpty()) {
      return "unknown";
    }
    StringBuilder sb = new StringBuilder();
    rpo.forEach((ch, d) -> sb.append(sb.length() == 0 ? "" : ", ").append(ch).append(' ')
        .append(Texts.duration(d)));
    return sb.toString();
  }
}
