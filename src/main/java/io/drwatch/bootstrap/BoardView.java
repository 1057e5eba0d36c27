package io.drwatch.bootstrap;

import io.drwatch.app.decide.Detection;
import io.drwatch.app.failover.ChannelView;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.config.DetectionConfig;
import io.drwatch.config.TargetConfig;
import io.drwatch.domain.channel.ChannelStatus;
import java.util.Optional;

/** The RPO gate's view of a channel: its status, and whether detection sees its primary refusing. */
final class BoardView implements ChannelView {
  private final StatusBoard board;
  private final DetectionConfig detection;
  private volatile Detection last;

  BoardView(StatusBoard board, DetectionConfig detection) {
    this.board = board;
    this.detection = detection;
  }

  /** The newest detection tick. */
  void seen(Detection d) {
    last = d;
  }

  @Override
  public Optional<ChannelStatus> status(String channel) {
    return Optional.ofNullable(board.channel(channel));
  }

  @Override
  public boolean primaryRefused(String channel) {
    Detection d = last;
    if (d == null) {
      return false;
    }
    return detection.targets().stream().filter(t -> t.channels().contains(channel))
        .map(TargetConfig::name).anyMatch(d::primaryRefusing);
  }
}
