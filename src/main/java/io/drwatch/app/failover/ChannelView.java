package io.drwatch.app.failover;

import io.drwatch.domain.channel.ChannelStatus;
import java.util.Optional;

/** What the RPO gate reads of a channel before its promotion: the status and the detection view. */
public interface ChannelView {

  Optional<ChannelStatus> status(String channel);

  /**
   * True if every probe of the channel's primary was refused outright (the process is gone) rather
   * than timing out: then the primary cannot be taking writes.
   */
  boolean primaryRefused(String channel);

  /** No channels known (tests, ad-hoc runs). */
  static ChannelView none() {
    return new ChannelView() {
      @Override
      public Optional<ChannelStatus> status(String channel) {
        return Optional.empty();
      }

      @Override
      public boolean primaryRefused(String channel) {
        return false;
      }
    };
  }
}
