package io.drwatch.domain.topology;

import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.JournalRecord.DirectionFlipped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current direction of every channel that was ever failed over, folded from the journal's
 * {@link DirectionFlipped} records alone, so a restart (or another observer reading the mirror)
 * recovers it by replaying the journal. A channel never flipped runs as configured and is absent.
 *
 * <p>After a flip the probe still reads the configured primary, which is now the dead or fenced
 * former primary: its BROKEN or SOURCE_UNREACHABLE describes a topology that no longer exists.
 * {@link #overlay} replaces it with UNPROTECTED until {@link #reprotected} confirms a new replica.
 * Re-arming the failover latch changes nothing here: arming is about triggers, not about DR.
 */
public final class Topology {
  public static final Topology AS_CONFIGURED = new Topology(Map.of());

  private final Map<String, ChannelDirection> directions;

  private Topology(Map<String, ChannelDirection> directions) {
    this.directions = Collections.unmodifiableMap(new LinkedHashMap<>(directions));
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
   * The topology after one more journal record. Only {@link DirectionFlipped} counts: the
   * pipeline writes it only after a SUCCEEDED execute run, and replay refuses it on any other run.
   */
  public Topology after(JournalRecord record) {
    if (!(record instanceof DirectionFlipped f)) {
      return this;
    }
    Map<String, ChannelDirection> next = new LinkedHashMap<>(directions);
    for (String channel : f.channels()) {
      boolean reversed = !direction(channel).map(ChannelDirection::reversed).orElse(false);
      next.put(channel, new ChannelDirection(channel, reversed, f.at(), f.runId(), Optional.empty()));
    }
    return new Topology(next);
  }

  /**
   * A new replica of {@code channel} was confirmed HEALTHY at {@code at}: exposure stops. For the
   * re-protection runbook, which journals its own record and folds it through here.
   */
  public Topology reprotected(String channel, Instant at) {
    ChannelDirection d = directions.get(channel);
    if (d == null || !d.exposed()) {
      return this;
    }
    Map<String, ChannelDirection> next = new LinkedHashMap<>(directions);
    next.put(channel, new ChannelDirection(channel, d.reversed(), d.failedOverAt(), d.byRun(),
        Optional.of(at)));
    return new Topology(next);
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
    return other instanceof Topology t && t.directions.equals(directions);
  }

  @Override
  public int hashCode() {
    return directions.hashCode();
  }
}
