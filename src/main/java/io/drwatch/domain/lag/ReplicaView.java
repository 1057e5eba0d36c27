package io.drwatch.domain.lag;

import java.util.Objects;
import java.util.Optional;

/**
 * What one read of the replica showed: the newest visible heartbeat (absent before the first one
 * has replicated) and the replica's own opinion of its upstream link.
 */
public record ReplicaView(Optional<Heartbeat> visible, LinkState link, String linkDetail) {
  public ReplicaView {
    Objects.requireNonNull(visible, "visible");
    Objects.requireNonNull(link, "link");
    linkDetail = linkDetail == null ? "" : linkDetail;
  }

  public static ReplicaView of(Heartbeat visible, LinkState link, String detail) {
    return new ReplicaView(Optional.ofNullable(visible), link, detail);
  }
}
