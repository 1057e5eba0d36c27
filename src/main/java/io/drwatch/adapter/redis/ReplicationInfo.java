package io.drwatch.adapter.redis;

import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ReplicaView;
import java.util.HashMap;
import java.util.Map;

/** The fields of {@code INFO replication} that decide a replica's link state. */
record ReplicationInfo(Map<String, String> fields) {

  static ReplicationInfo parse(String info) {
    Map<String, String> fields = new HashMap<>();
    for (String line : info.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        fields.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    return new ReplicationInfo(fields);
  }

  ReplicaView view(Heartbeat visible) {
    String role = fields.getOrDefault("role", "unknown");
    if (!"slave".equals(role)) {
      return ReplicaView.of(visible, LinkState.DOWN, "role is " + role + " (promoted, or not a replica)");
    }
    String link = fields.getOrDefault("master_link_status", "unknown");
    if (!"up".equals(link)) {
      String since = fields.get("master_link_down_since_seconds");
      String detail = "master_link_status:" + link + (since == null ? "" : ", down for " + since + "s");
      return ReplicaView.of(visible, LinkState.DOWN, detail);
    }
    return ReplicaView.of(visible, LinkState.UP, "master_link_status:up, offset "
        + fields.getOrDefault("slave_repl_offset", "?"));
  }
}
