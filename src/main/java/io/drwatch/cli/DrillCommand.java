package io.drwatch.cli;

import io.drwatch.bootstrap.DrillRig;
import io.drwatch.bootstrap.RunbookMapping;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.domain.Texts;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.StepRecord;
import io.drwatch.domain.runbook.StepState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Executes the runbook in drill mode (each step's own drill params; a step without them is not
 * drilled) with the channels watched, one progress line per step, then reports the measured RTO
 * and RPO. Journals to {@value DrillRig#JOURNAL}, never to the production journal.
 */
@Command(name = "drill",
    description = "Run the runbook against the drill targets and report measured RTO and RPO.")
final class DrillCommand extends RunbookCommand {

  @Option(names = "--timeout", defaultValue = "15m", paramLabel = "DURATION",
      description = "Give up waiting for the run after this long. Default: ${DEFAULT-VALUE}")
  Duration timeout;

  @Override
  int run(DrwatchConfig cfg) throws Exception {
    // Beside a running daemon: no listener, no detection, a journal of its own (DrillRig).
    try (DrillRig rig = DrillRig.start(cfg)) {
      // An RPO needs two rounds (a heartbeat written, then seen on the replica): without it the
      // drill could not measure the loss at promotion.
      Map<String, Duration> rpo = rig.awaitRpo(Duration.ofSeconds(30));
      Instant began = Instant.now();
      Map<String, StepState> printed = new HashMap<>();
      System.out.println("drill: starting; channels' RPO now " + describe(rpo));
      FailoverRun run = rig.drill(rpo, r -> progress(r, began, printed), timeout);
      report(run, RunbookMapping.detection(cfg));
      return run.state() == RunState.SUCCEEDED ? 0 : 1;
    }
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
