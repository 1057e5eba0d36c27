package io.drwatch.app.failover;

import io.drwatch.app.failover.PipelineRefusal.Code;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.topology.Topology;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether a run may start now, per mode. Execute runs pass the {@link StartGate}; drills always
 * may. Reprotect and switchover are an operator's deliberate acts, so instead of joining the active
 * run they are refused with the reason: another run active, the section not configured, the
 * executor lease elsewhere, nothing to reprotect, or a switchover that would promote a channel
 * that has no replica.
 */
record OperatorStart(PipelineSettings settings, StartGate gate, RunsBoard board) {

  Optional<PipelineRefusal> refusal(RunMode mode, boolean automatic, FailoverRun current) {
    if (mode == RunMode.EXECUTE) {
      return gate.refusal(automatic);
    }
    if (!mode.operatorOnly()) {
      return Optional.empty();
    }
    if (current != null && current.isActive()) {
      return refuse(Code.RUN_ACTIVE, "run " + current.runId() + " (" + current.mode().word() + ") is active ("
          + current.state() + "); a " + mode.word() + " starts only when no run is active");
    }
    Optional<ModeRunbook> section = settings.operatorRunbook(mode);
    if (section.isEmpty()) {
      return refuse(Code.NOT_CONFIGURED, "no runbook." + mode.word() + " section in the config");
    }
    Optional<PipelineRefusal> lease = gate.refusal(false);
    if (lease.isPresent()) {
      return lease;
    }
    Topology topology = board.topology();
    List<String> unprotected = topology.unprotected();
    if (mode == RunMode.REPROTECT) {
      List<String> named = List.copyOf(section.get().channels().values());
      boolean nothing = unprotected.isEmpty() || !named.isEmpty() && named.stream().noneMatch(unprotected::contains);
      return nothing ? refuse(Code.NOTHING_TO_DO, "nothing to reprotect: " + (unprotected.isEmpty()
          ? "no channel is UNPROTECTED" : "the reprotect steps name " + named.stream().distinct().sorted().toList()
              + ", none of them UNPROTECTED (unprotected: " + unprotected + ")")) : Optional.empty();
    }
    List<String> exposed = section.get().runbook().steps().stream().filter(StepSpec::promote)
        .map(s -> section.get().channels().get(s.id())).filter(c -> c != null && unprotected.contains(c))
        .distinct().toList();
    return exposed.isEmpty() ? Optional.empty() : refuse(Code.UNPROTECTED, "switchover would promote "
        + exposed + ", which " + (exposed.size() == 1 ? "is" : "are") + " UNPROTECTED (no replica to promote):"
        + " run drwatch reprotect first");
  }

  /** A run id that says what it is: {@code rp-...} for a reprotect, {@code sw-...} for a switchover. */
  static String newId(RunMode mode, Instant now) {
    String prefix = switch (mode) {
      case REPROTECT -> "rp-";
      case SWITCHOVER -> "sw-";
      default -> "";
    };
    return prefix + now.toString().replace(":", "").replace(".", "") + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Optional<PipelineRefusal> refuse(Code code, String why) {
    return Optional.of(new PipelineRefusal(code, why));
  }
}
