package io.drwatch.app.failover;

import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.StepRecord;
import io.drwatch.domain.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Runs as the journal tells them: the newest state of every run (bounded), for the API, the
 * metrics and the RTO projection's history of measured step durations.
 */
public final class RunsBoard {
  static final int RUNS_KEPT = 100;

  private final Map<String, FailoverRun> runs = new LinkedHashMap<>();
  private final List<Consumer<FailoverRun>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<Topology>> topologyListeners = new CopyOnWriteArrayList<>();
  private List<StepRecord> drills = List.of();
  private Topology topology = Topology.AS_CONFIGURED;

  public void put(FailoverRun run) {
    synchronized (this) {
      runs.remove(run.runId());
      runs.put(run.runId(), run);
      if (runs.size() > RUNS_KEPT) {
        runs.remove(runs.keySet().iterator().next());
      }
    }
    listeners.forEach(l -> l.accept(run));
  }

  /** Called after every journaled transition of a run. */
  public void onChange(Consumer<FailoverRun> listener) {
    listeners.add(listener);
  }

  /** Each channel's direction as the journal says, replayed at start and after every record. */
  public void topology(Topology next) {
    synchronized (this) {
      if (next.equals(topology)) {
        return;
      }
      topology = next;
    }
    topologyListeners.forEach(l -> l.accept(next));
  }

  public synchronized Topology topology() {
    return topology;
  }

  /** Called when a journal record or a replay changed a channel's direction. */
  public void onTopology(Consumer<Topology> listener) {
    topologyListeners.add(listener);
  }

  /** Newest last. */
  public synchronized List<FailoverRun> runs() {
    return new ArrayList<>(runs.values());
  }

  public synchronized Optional<FailoverRun> run(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  public synchronized Optional<FailoverRun> active() {
    return runs.values().stream().filter(FailoverRun::isActive).reduce((a, b) -> b);
  }

  /**
   * The runs of the drill journal, which {@code drwatch drill} keeps apart from production runs:
   * they teach the RTO projection but are never resumed, listed as runs or counted as active.
   */
  public synchronized void drillHistory(List<FailoverRun> drillRuns) {
    List<StepRecord> steps = new ArrayList<>();
    drillRuns.stream().skip(Math.max(0, drillRuns.size() - RUNS_KEPT))
        .forEach(r -> steps.addAll(r.steps().values()));
    drills = List.copyOf(steps);
  }

  /**
   * Every step record of every kept execute run and drill: the RTO projector picks the finished
   * ones. Reprotect and switchover steps are left out: their ids name another runbook's steps.
   */
  public synchronized List<StepRecord> stepHistory() {
    List<StepRecord> all = new ArrayList<>(drills);
    runs.values().stream().filter(r -> !r.mode().operatorOnly()).forEach(r -> all.addAll(r.steps().values()));
    return all;
  }
}
