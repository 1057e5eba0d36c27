package io.drwatch.domain.topology;

import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.JournalRecord.DirectionFlipped;
import io.drwatch.domain.runbook.JournalRecord.ReprotectApplied;
import io.drwatch.domain.runbook.JournalRecord.Reprotected;
import io.drwatch.domain.runbook.JournalRecord.RunStarted;
import io.drwatch.domain.runbook.RunMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The current direction of every channel not running as configured, folded from the journal
 * alone, so a restart (or another observer reading the mirror) recovers it by replaying the
 * journal. A channel never flipped, or flipped back by a switchover, runs as configured and is absent.
 *
 * <p>The cycle: a failover flips the roles, and the probe still reads the old way, now the dead
 * or fenced former primary: its BROKEN or SOURCE_UNREACHABLE describes a topology that no longer
 * exists, so {@link #overlay} shows UNPROTECTED. A re-protection run's {@link ReprotectApplied}
 * turns the probe to the new direction (still exposed); once that reads HEALTHY, {@link
 * Reprotected} ends the exposure. A switchover flips a protected channel and leaves it protected.
 * Re-arming the failover latch changes nothing here: arming is about triggers, not about DR.
 */
public final class Topology {
  public static final Topology AS_CONFIGURED = new Topology(Map.of(), Set.of());

  private final Map<String, ChannelDirection> directions;
  // Started runs that flip without a failover (switchovers): their flip leaves a replica behind.
  private final Set<String> plannedRuns;

  private Topology(Map<String, ChannelDirection> directions, Set<String> plannedRuns) {
    this.directions = Collections.unmodifiableMap(new LinkedHashMap<>(directions));
    this.plannedRuns = Set.copyOf(plannedRuns);
  }

  /** The topology after every record of a journal, oldest first. */
  public static Topology of(List<JournalRecord> records) {
    Topology t = AS_CONFIGURED;
    for (JournalRecord r : records) {
      t = t.after(r);
    }
    return t;
  }

  /**
   * The topology after one more journal record: a flip ({@link DirectionFlipped}, written only
   * after a SUCCEEDED execute or switchover run), a rebuilt replica ({@link ReprotectApplied}) or
   * a confirmed one ({@link Reprotected}). {@link RunStarted} is remembered only to tell a
   * switchover's flip from a failover's.
   */
  public Topology after(JournalRecord record) {
    if (record instanceof RunStarted r && r.mode() == RunMode.SWITCHOVER) {
      Set<String> planned = new HashSet<>(plannedRuns);
      planned.add(r.runId());
      return new Topology(directions, planned);
    }
    if (record instanceof DirectionFlipped f) {
      return flipped(f);
    }
    if (record instanceof ReprotectApplied a) {
      Map<String, ChannelDirection> next = new LinkedHashMap<>(directions);
      a.channels().stream().filter(directions::containsKey).forEach(ch -> {
        ChannelDirection d = directions.get(ch);
        next.put(ch, new ChannelDirection(ch, d.reversed(), d.reversed(), d.failedOverAt(), d.byRun(),
            d.exposed() ? Optional.of(a.runId()) : Optional.empty(), d.protectedSince()));
      });
      return new Topology(next, plannedRuns);
    }
    if (record instanceof Reprotected r) {
      return reprotected(r.channel(), r.at());
    }
    return this;
  }

  /**
   * A failover leaves the promoted side without a replica (exposed) and the probe reading the old
   * way. A switchover (a run this topology saw start in that mode) hands over
   * between two live sides whose replication it re-pointed: the channel stays protected and the
   * probe reads the new way at once; back in the configured direction it is as configured again.
   */
  private Topology flipped(DirectionFlipped f) {
    boolean planned = plannedRuns.contains(f.runId());
    Map<String, ChannelDirection> next = new LinkedHashMap<>(directions);
    for (String channel : f.channels()) {
      Optional<ChannelDirection> before = direction(channel);
      boolean reversed = !before.map(ChannelDirection::reversed).orElse(false);
      boolean reads = before.map(ChannelDirection::readsReversed).orElse(false);
      ChannelDirection d = planned
          ? new ChannelDirection(channel, reversed, reversed, f.at(), f.runId(), Optional.empty(),
              Optional.of(f.at()))
          : ChannelDirection.failedOver(channel, reversed, reads, f.at(), f.runId());
      if (d.asConfigured()) {
        next.remove(channel);
      } else {
        next.put(channel, d);
      }
    }
    Set<String> stillPlanned = new HashSet<>(plannedRuns);
    stillPlanned.remove(f.runId());
    return new Topology(next, stillPlanned);
  }

  /**
   * A replica of {@code channel} was confirmed HEALTHY at {@code at}: exposure stops. Folded from
   * {@link Reprotected}, which the observer holding the lease journals once the rebuilt replica
   * reads HEALTHY.
   */
  public Topology reprotected(String channel, Instant at) {
    ChannelDirection d = directions.get(channel);
    if (d == null || !d.exposed()) {
      return this;
    }
    Map<String, ChannelDirection> next = new LinkedHashMap<>(directions);
    ChannelDirection now = new ChannelDirection(channel, d.reversed(), d.readsReversed(),
        d.failedOverAt(), d.byRun(), Optional.empty(), Optional.of(at));
    if (now.asConfigured()) {
      next.remove(channel);
    } else {
      next.put(channel, now);
    }
    return new Topology(next, plannedRuns);
  }

  /** True when the probe of {@code channel} must write to its configured replica and read its configured primary. */
  public boolean readsReversed(String channel) {
    return direction(channel).map(ChannelDirection::readsReversed).orElse(false);
  }

  /**
   * The re-protection run whose rebuilt replica of {@code channel} waits to read HEALTHY in the
   * direction the probe now reads; empty when nothing waits.
   */
  public Optional<String> awaitingHealthy(String channel) {
    return direction(channel).filter(ChannelDirection::exposed)
        .filter(d -> d.readsReversed() == d.reversed()).flatMap(ChannelDirection::rebuiltBy);
  }

  public Optional<ChannelDirection> direction(String channel) {
    return Optional.ofNullable(directions.get(channel));
  }

  /** Channels failed over and not re-protected: no replica to fail over to. */
  public List<String> unprotected() {
    return directions.values().stream().filter(ChannelDirection::exposed)
        .map(ChannelDirection::channel).toList();
  }

  public Duration exposure(String channel, Instant now) {
    return direction(channel).map(d -> d.exposure(now)).orElse(Duration.ZERO);
  }

  /**
   * The status as the topology reads it: an exposed channel is UNPROTECTED, with no RPO (there is
   * no replica to lose writes to; the former pair's last figure would describe the past).
   */
  public ChannelStatus overlay(ChannelStatus s) {
    ChannelDirection d = directions.get(s.name());
    if (d == null || !d.exposed()) {
      return s;
    }
    return new ChannelStatus(s.spec(), ChannelCondition.UNPROTECTED, Optional.empty(), s.resolution(),
        Optional.empty(), s.replicaLink(), s.primarySeq(), s.replicaSeq(), s.lastSuccess(),
        s.lastError(), d.verdict(), s.updatedAt(), s.lastProbe(), s.lastProbeOk(), s.rounds(),
        s.reported(), false, s.warmUp(), Optional.empty());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Topology t && t.directions.equals(directions)
        && t.plannedRuns.equals(plannedRuns);
  }

  @Override
  public int hashCode() {
    return directions.hashCode() * 31 + plannedRuns.hashCode();
  }
}
