package io.drwatch.domain.report;

import java.util.Objects;
import java.util.Optional;

/**
 * A channel's probe failure code changed at epoch second {@code at}: to {@code code}, or back to
 * none (empty: its probes succeed again). Only changes are stored, so a channel failing every
 * second for an hour is one row, not 3,600.
 *
 * @param message the probe's error text when the code appeared, cut to {@link #MESSAGE_CAP}
 *     characters; empty when the errors cleared
 */
public record ProbeErrorChange(String channel, long at, Optional<String> code, String message) {
  /** Enough for a provider's error line; a stack of wrapped causes must not grow the store. */
  public static final int MESSAGE_CAP = 500;

  public ProbeErrorChange {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(code, "code");
    message = message == null ? "" : message.length() <= MESSAGE_CAP ? message
        : message.substring(0, MESSAGE_CAP - 1) + "…";
  }

  public boolean cleared() {
    return code.isEmpty();
  }
}
