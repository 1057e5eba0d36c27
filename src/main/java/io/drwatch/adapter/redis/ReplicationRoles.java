package io.drwatch.adapter.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What {@code INFO replication} says about who follows whom, as redis-replicaof and redis-failover judge it. */
final class ReplicationRoles {

  /** One {@code slaveN:ip=...,port=...,state=...} line of a primary. */
  record Replica(String ip, int port, String state) {
    boolean online() {
      return "online".equals(state);
    }

    @Override
    public String toString() {
      return ip + ":" + port + " (" + state + ")";
    }
  }

  private ReplicationRoles() {}

  static String role(ReplicationInfo info) {
    return info.fields().getOrDefault("role", "unknown");
  }

  static boolean isMaster(ReplicationInfo info) {
    return "master".equals(role(info));
  }

  /** A replica of host:port (as the replica was told, so the host compares as written, case aside). */
  static boolean follows(ReplicationInfo info, String host, int port) {
    Map<String, String> f = info.fields();
    return "slave".equals(role(info)) && host.equalsIgnoreCase(f.getOrDefault("master_host", ""))
        && Integer.toString(port).equals(f.get("master_port"));
  }

  /** The link is up and no full sync is loading: the replica serves its primary's data. */
  static boolean synced(ReplicationInfo info) {
    Map<String, String> f = info.fields();
    return "up".equals(f.get("master_link_status")) && "0".equals(f.getOrDefault("master_sync_in_progress", "0"));
  }

  /** {@code no-failover}, {@code waiting-for-sync} or {@code failover-in-progress} (Redis 6.2+). */
  static String failoverState(ReplicationInfo info) {
    return info.fields().getOrDefault("master_failover_state", "no-failover");
  }

  /** A short account for messages: {@code role:slave of 10.0.0.5:6379, link up} or {@code role:master, 1 replica}. */
  static String describe(ReplicationInfo info) {
    Map<String, String> f = info.fields();
    if ("slave".equals(role(info))) {
      return "role:slave of " + f.get("master_host") + ":" + f.get("master_port") + ", link "
          + f.getOrDefault("master_link_status", "?")
          + ("1".equals(f.get("master_sync_in_progress")) ? ", full sync in progress" : "");
    }
    String state = failoverState(info);
    return "role:" + role(info) + ", replicas " + replicas(info)
        + ("no-failover".equals(state) ? "" : ", " + state);
  }

  /** The replicas a primary lists, in slave0, slave1, ... order. */
  static List<Replica> replicas(ReplicationInfo info) {
    Map<Integer, Replica> byIndex = new TreeMap<>();
    info.fields().forEach((key, value) -> {
      if (key.matches("slave\\d+")) {
        parse(value).ifPresent(r -> byIndex.put(Integer.parseInt(key.substring(5)), r));
      }
    });
    return new ArrayList<>(byIndex.values());
  }

  /**
   * The replica that is {@code host:port}, as the primary lists it: the same ip, else the only one
   * on that port. The primary lists a replica by the address it connects from (or its
   * replica-announce-ip), which FAILOVER TO must be given; a host name in the step cannot match that.
   */
  static Optional<Replica> replicaAt(ReplicationInfo primary, String host, int port) {
    List<Replica> onPort = replicas(primary).stream().filter(r -> r.port() == port).toList();
    return onPort.stream().filter(r -> r.ip().equalsIgnoreCase(host)).findFirst()
        .or(() -> onPort.size() == 1 ? Optional.of(onPort.get(0)) : Optional.empty());
  }

  private static Optional<Replica> parse(String value) {
    Map<String, String> parts = new TreeMap<>();
    for (String kv : value.split(",")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        parts.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    try {
      return Optional.of(new Replica(parts.getOrDefault("ip", "?"), Integer.parseInt(parts.getOrDefault("port", "")),
          parts.getOrDefault("state", "?")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
