package io.drwatch.domain.lag;

import java.time.Instant;
import java.util.Objects;

/**
 * One canary write: a sequence number and the writer's timestamp, both taken from the primary
 * itself (its clock, its counter), so comparing two heartbeats never involves clock skew.
 */
public record Heartbeat(long seq, Instant writerTs) {
  public Heartbeat {
    Objects.requireNonNull(writerTs, "writerTs");
  }
}
