package io.drwatch.app.status;

import io.drwatch.domain.FailureCode;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.channel.ConditionChanged;
import io.drwatch.domain.topology.Topology;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The latest snapshot of every channel plus the recent verdict lines. Written by the probe loops,
 * read by HTTP handlers and metric gauges that may run on other threads, hence the locking; the
 * values themselves are immutable records.
 */
public final class StatusBoard {
  public static final int VERDICTS_KEPT = 50;

  private final Map<String, ChannelStatus> channels = new LinkedHashMap<>();
  private final Map<String, ChannelStatus> probed = new LinkedHashMap<>();
  private Topology topology = Topology.AS_CONFIGURED;
  private final Deque<String> verdicts = new ArrayDeque<>();
  private final List<Consumer<ChannelStatus>> listeners = new CopyOnWriteArrayList<>();
  private final List<BiConsumer<String, FailureCode>> errorListeners = new CopyOnWriteArrayList<>();
  private final Map<String, FailureCode> lastErrorCodes = new java.util.HashMap<>();

  public StatusBoard(Collection<ChannelStatus> initial) {
    initial.forEach(s -> channels.put(s.name(), s));
    probed.putAll(channels);
  }

  /**
   * Reads every channel through {@code next} from now on: a failed-over channel shows UNPROTECTED
   * rather than what its probe says about the former primary (see {@link Topology#overlay}).
   */
  public synchronized List<ConditionChanged> topology(Topology next, java.time.Instant now) {
    topology = next;
    List<ConditionChanged> changes = new ArrayList<>();
    for (ChannelStatus s : probed.values()) {
      ChannelStatus before = channels.get(s.name());
      ChannelStatus after = next.overlay(s);
      channels.put(s.name(), after);
      if (before.condition() != after.condition()) {
        ConditionChanged change = new ConditionChanged(s.name(), before.condition(),
            after.condition(), after.verdict(), now);
        record(change);
        changes.add(change);
      }
    }
    return changes;
  }

  /** True while {@code channel} is failed over with no replica: its probe speaks of the past. */
  public synchronized boolean unprotected(String channel) {
    return topology.direction(channel).map(d -> d.exposed()).orElse(false);
  }

  public synchronized Topology topology() {
    return topology;
  }

  /** Called after each probe round; listeners see every round (metrics record probe timings). */
  public void update(ChannelStatus probe) {
    ChannelStatus status;
    synchronized (this) {
      probed.put(probe.name(), probe);
      status = topology.overlay(probe);
      channels.put(status.name(), status);
      if (status.lastError().isEmpty()) {
        lastErrorCodes.remove(status.name()); // a round that fully succeeded clears the error
      }
    }
    listeners.forEach(l -> l.accept(status));
  }

  public synchronized void record(ConditionChanged change) {
    if (verdicts.size() == VERDICTS_KEPT) {
      verdicts.removeFirst();
    }
    verdicts.addLast(change.at() + " " + change.verdictLine());
  }

  public void onUpdate(Consumer<ChannelStatus> listener) {
    listeners.add(listener);
  }

  /** A probe call of {@code channel} failed with {@code code}: counted by the metrics, shown in the status. */
  public void probeError(String channel, FailureCode code) {
    synchronized (this) {
      lastErrorCodes.put(channel, code);
    }
    errorListeners.forEach(l -> l.accept(channel, code));
  }

  /** The code of the channel's last probe error, while its {@code lastError} stands. */
  public synchronized java.util.Optional<FailureCode> lastErrorCode(String channel) {
    return java.util.Optional.ofNullable(lastErrorCodes.get(channel));
  }

  public void onProbeError(BiConsumer<String, FailureCode> listener) {
    errorListeners.add(listener);
  }

  public synchronized List<ChannelStatus> channels() {
    return List.copyOf(channels.values());
  }

  /** The channel as its probe last saw it, before the topology's overlay. */
  public synchronized ChannelStatus probed(String name) {
    return probed.get(name);
  }

  public synchronized ChannelStatus channel(String name) {
    return channels.get(name);
  }

  /** Oldest first. */
  public synchronized List<String> recentVerdicts() {
    return new ArrayList<>(verdicts);
  }

  /** True once every channel has completed at least one probe round, whatever its outcome. */
  public synchronized boolean allProbed() {
    return channels.values().stream().allMatch(s -> s.rounds() > 0);
  }
}
