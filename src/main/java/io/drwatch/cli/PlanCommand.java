package io.drwatch.cli;

import io.drwatch.bootstrap.DrillRig;
import io.drwatch.bootstrap.RunbookPlan;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.domain.Texts;
import io.drwatch.domain.runbook.RtoProjection;
import io.drwatch.domain.runbook.Runbook;
import io.drwatch.domain.runbook.StepSpec;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the runbook DAG in order, each step's projected duration, and the critical path. */
@Command(name = "plan",
    description = "Print the runbook in order with projected durations and the projected RTO.")
final class PlanCommand extends RunbookCommand {

  @Option(names = "--runbook", paramLabel = "NAME", defaultValue = "steps",
      description = "Which runbook: steps (the failover, default), reprotect or switchover")
  String runbook;

  @Override
  int run(DrwatchConfig cfg) throws Exception {
    Map<String, Runbook> operator = RunbookPlan.operatorRunbooks(cfg);
    if (!runbook.equals("steps")) {
      if (!operator.containsKey(runbook)) {
        System.err.println(config + ": no runbook." + runbook + " section (have: steps"
            + (operator.isEmpty() ? "" : ", " + String.join(", ", operator.keySet())) + ")");
        return CheckConfigCommand.INVALID;
      }
      printSection(runbook, operator.get(runbook));
      return 0;
    }
    print(RunbookPlan.of(cfg));
    operator.forEach((name, rb) -> System.out.printf("%nrunbook.%s: %d steps, operator only: %s"
        + " (drwatch plan --runbook %s)%n", name, rb.steps().size(),
        String.join(" -> ", rb.order().stream().map(StepSpec::id).toList()), name));
    return 0;
  }

  // Operator-only runbooks have no projection: they are not part of the RTO.
  private static void printSection(String name, Runbook rb) {
    System.out.printf("runbook.%s: %d steps, started only by an operator (drwatch %s)%n%n", name,
        rb.steps().size(), name);
    System.out.printf("%-3s %-24s %-26s %-9s %s%n", "#", "step", "action", "timeout", "after");
    int i = 1;
    for (StepSpec s : rb.order()) {
      System.out.printf("%-3d %-24s %-26s %-9s %s%s%n", i++, s.id(), s.action(), Texts.duration(s.timeout()),
          s.after().isEmpty() ? "-" : String.join(",", s.after()),
          (s.fence() ? " [fence]" : "") + (s.promote() ? " [promote]" : ""));
    }
  }

  private static void print(RunbookPlan plan) {
    RtoProjection p = plan.projection();
    System.out.printf("runbook: %d steps; history: %d runs in the journal (drills in %s)%n%n",
        plan.runbook().steps().size(), plan.runs(), DrillRig.JOURNAL);
    System.out.printf("%-3s %-24s %-26s %-10s %-9s %s%n", "#", "step", "action", "projected", "basis", "after");
    int i = 1;
    for (StepSpec s : plan.runbook().order()) {
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
        Texts.duration(plan.rtoObjective()));
    p.reasons().forEach(r -> System.out.println("  " + r));
  }
}
