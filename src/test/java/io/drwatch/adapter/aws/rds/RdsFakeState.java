package io.drwatch.adapter.aws.rds;

import io.drwatch.adapter.aws.rds.RdsQueryFake.GlobalStage;
import io.drwatch.adapter.aws.rds.RdsQueryFake.Stage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fake's instances and global clusters, and what each action does to them (the service's
 * documented errors: DBInstanceNotFound 404, InvalidDBInstanceState 400, GlobalClusterNotFoundFault
 * 404, DBClusterNotFoundFault 404, InvalidGlobalClusterStateFault 400). All access is synchronized:
 * the HTTP server answers on several threads.
 */
final class RdsFakeState {
  record Answer(int status, String xml) {}

  private static final class Instance {
    String status;
    String source;
    final Deque<Stage> walk = new ArrayDeque<>();
  }

  private static final class Global {
    String status = "available";
    final Map<String, Boolean> members = new LinkedHashMap<>();
    String failover;
    String from;
    String to;
    boolean dataLoss;
    final Deque<GlobalStage> walk = new ArrayDeque<>();
  }

  private final Map<String, Instance> instances = new HashMap<>();
  private final Map<String, Global> globals = new HashMap<>();
  private List<Stage> promotion = RdsQueryFake.PROMOTION;
  private List<GlobalStage> failoverWalk;

  /** An available read replica of {@code source}. */
  synchronized void replica(String id, String source) {
    instance(id, "available", source);
  }

  synchronized void instance(String id, String status, String source) {
    Instance i = new Instance();
    i.status = status;
    i.source = source;
    instances.put(id, i);
  }

  /** The stages the next promotion walks through instead of {@link RdsQueryFake#PROMOTION}. */
  synchronized void promotionWalk(List<Stage> stages) {
    promotion = stages;
  }

  synchronized void globalCluster(String id, String writer, String... secondaries) {
    Global g = new Global();
    g.members.put(writer, true);
    for (String s : secondaries) {
      g.members.put(s, false);
    }
    globals.put(id, g);
  }

  /** The stages the next failover or switchover walks through instead of the defaults. */
  synchronized void failoverWalk(List<GlobalStage> stages) {
    failoverWalk = stages;
  }

  synchronized String status(String id) {
    return instances.get(id).status;
  }

  synchronized boolean isReplica(String id) {
    return instances.get(id).source != null;
  }

  synchronized String writer(String globalId) {
    return globals.get(globalId).members.entrySet().stream().filter(Map.Entry::getValue)
        .map(Map.Entry::getKey).findFirst().orElse(null);
  }

  synchronized Answer answer(String action, Map<String, String> p, String region) {
    return switch (action) {
      case "DescribeDBInstances" -> withInstance(action, p, region, false);
      case "PromoteReadReplica" -> withInstance(action, p, region, true);
      case "DescribeGlobalClusters" -> withGlobal(action, p, null);
      case "FailoverGlobalCluster" -> withGlobal(action, p, "failing-over");
      case "SwitchoverGlobalCluster" -> withGlobal(action, p, "switching-over");
      default -> throw new IllegalStateException(action);
    };
  }

  private Answer withInstance(String action, Map<String, String> p, String region, boolean promote) {
    String id = p.get("DBInstanceIdentifier");
    Instance i = instances.get(id);
    if (i == null) {
      return new Answer(404, RdsXml.error(404, "DBInstanceNotFound", "DBInstance " + id + " not found."));
    }
    if (promote) {
      if (i.source == null) {
        return new Answer(400, RdsXml.error(400, "InvalidDBInstanceState", "DB Instance is not a read replica."));
      }
      if (!i.status.equals("available")) {
        return new Answer(400, RdsXml.error(400, "InvalidDBInstanceState",
            "Instance " + id + " is not in available state (" + i.status + ")."));
      }
      i.walk.addAll(promotion);
    } else if (!i.walk.isEmpty()) {
      Stage next = i.walk.poll();
      i.status = next.status();
      i.source = next.replica() ? i.source : null;
    }
    String body = RdsXml.instance(region, id, i.status, i.source);
    return new Answer(200, RdsXml.response(action, promote ? body : "<DBInstances>" + body + "</DBInstances>"));
  }

  private Answer withGlobal(String action, Map<String, String> p, String failing) {
    String id = p.get("GlobalClusterIdentifier");
    Global g = globals.get(id);
    if (g == null) {
      return new Answer(404, RdsXml.error(404, "GlobalClusterNotFoundFault", "Global cluster " + id + " not found."));
    }
    if (failing == null) {
      advance(g);
      return new Answer(200, RdsXml.response(action, "<GlobalClusters>" + render("GlobalClusterMember", id, g)
          + "</GlobalClusters>"));
    }
    String target = p.get("TargetDbClusterIdentifier");
    if (!g.members.containsKey(target)) {
      return new Answer(404, RdsXml.error(404, "DBClusterNotFoundFault", "DBCluster " + target + " not found."));
    }
    if (g.failover != null || Boolean.TRUE.equals(g.members.get(target))) {
      return new Answer(400, RdsXml.error(400, "InvalidGlobalClusterStateFault", "Global cluster " + id
          + " is in state " + g.status + (g.failover == null ? ", and " + target + " is its primary" : "") + "."));
    }
    g.failover = "pending";
    g.from = g.members.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).findFirst().orElseThrow();
    g.to = target;
    g.dataLoss = Boolean.parseBoolean(p.getOrDefault("AllowDataLoss", "false"));
    g.status = failing;
    g.walk.addAll(failoverWalk != null ? failoverWalk
        : failing.equals("failing-over") ? RdsQueryFake.FAILOVER : RdsQueryFake.SWITCHOVER);
    return new Answer(200, RdsXml.response(action, render("GlobalCluster", id, g)));
  }

  private static void advance(Global g) {
    GlobalStage next = g.walk.poll();
    if (next == null) {
      return;
    }
    g.status = next.status();
    if (next.targetWriter()) {
      g.members.replaceAll((arn, writer) -> arn.equals(g.to));
    }
    g.failover = next.failover();
    if (next.failover() == null && g.walk.isEmpty()) {
      g.from = null;
      g.to = null;
    }
  }

  private static String render(String element, String id, Global g) {
    List<RdsXml.Member> members = g.members.entrySet().stream()
        .map(e -> new RdsXml.Member(e.getKey(), e.getValue())).toList();
    return RdsXml.globalCluster(element, id, g.status, members, g.failover, g.from, g.to, g.dataLoss);
  }
}
