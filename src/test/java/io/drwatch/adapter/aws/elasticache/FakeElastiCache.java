package io.drwatch.adapter.aws.elasticache;

import io.drwatch.adapter.aws.LoopbackAwsFake;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ElastiCache's Query protocol (form POST {@code Action=...&Version=2015-02-02}, XML answers in
 * the 2015-02-02 namespace, {@code ErrorResponse} for errors) for the two Global Datastore
 * operations moto 5.2.1 answers NotImplemented: {@code DescribeGlobalReplicationGroups} and
 * {@code FailoverGlobalReplicationGroup}. A failover walks the datastore like the service does:
 * {@code modifying} with the old roles, {@code modifying} with the roles switched, then
 * {@code available}, one step per describe. Channel tests set member and datastore states and
 * roles directly ({@link #memberStatus}, {@link #groupStatus}, {@link #primary}).
 *
 * <p>{@code CreateReplicationGroup} with {@code GlobalReplicationGroupId} (how a region joins a
 * datastore, also missing from moto) adds the member as {@code associating} with the datastore
 * {@code modifying}, and both settle after {@link #JOIN_DESCRIBES} describes; a replication group
 * id already in the region ({@link #standalone}, or a member) answers {@code ReplicationGroupAlreadyExists}.
 */
final class FakeElastiCache extends LoopbackAwsFake {
  static final String NS = "http://elasticache.amazonaws.com/doc/2015-02-02/";

  static final class Member {
    final String id;
    final String region;
    String role;
    String status = "associated";
    /** The replication group's member clusters (nodes), as DescribeReplicationGroups lists them. */
    List<String> nodes;

    Member(String id, String region, String role) {
      this.id = id;
      this.region = region;
      this.role = role;
      this.nodes = List.of(id + "-001", id + "-002");
    }

    Member nodes(String... ids) {
      this.nodes = List.of(ids);
      return this;
    }
  }

  static final int JOIN_DESCRIBES = 3;

  private static final class Group {
    String status = "available";
    final List<Member> members = new ArrayList<>();
    Member promoting;
    int describesLeft;
    Member joining;
    int joinLeft;
  }

  private final Map<String, Group> groups = new LinkedHashMap<>();
  /** Replication groups ("id@region") that are in no datastore, e.g. a disassociated old secondary. */
  private final Set<String> standalone = new java.util.HashSet<>();

  synchronized void standalone(String id, String region) {
    standalone.add(id + "@" + region);
  }

  synchronized List<String> members(String group) {
    return groups.get(group).members.stream().map(m -> m.id + "@" + m.region + " " + m.role + " " + m.status).toList();
  }

  FakeElastiCache() throws IOException {}

  synchronized void addGroup(String id, Member... members) {
    Group g = new Group();
    g.members.addAll(List.of(members));
    groups.put(id, g);
  }

  /** Sets a member's status, e.g. {@code disassociating}, as a channel test's ground truth. */
  synchronized void memberStatus(String group, String member, String status) {
    groups.get(group).members.stream().filter(m -> m.id.equals(member)).forEach(m -> m.status = status);
  }

  synchronized void groupStatus(String group, String status) {
    groups.get(group).status = status;
  }

  /** Makes {@code member} PRIMARY and the others SECONDARY at once (a failover already done). */
  synchronized void primary(String group, String member) {
    groups.get(group).members.forEach(m -> m.role = m.id.equals(member) ? "PRIMARY" : "SECONDARY");
  }

  synchronized String status(String group) {
    return groups.get(group).status;
  }

  static Reply error(int status, String code, String message) {
    return new Reply(status, Map.of("Content-Type", "text/xml"), "<ErrorResponse xmlns=\"" + NS + "\"><Error>"
        + "<Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
        + "<RequestId>fake</RequestId></ErrorResponse>");
  }

  @Override
  protected synchronized Reply answer(Request r) {
    Map<String, String> form = r.form();
    if (!r.method().equals("POST") || !"2015-02-02".equals(form.get("Version"))) {
      return error(400, "InvalidParameterValue", "expected a form POST with Version=2015-02-02");
    }
    String action = form.getOrDefault("Action", "");
    return switch (action) {
      case "DescribeGlobalReplicationGroups" -> describe(form);
      case "FailoverGlobalReplicationGroup" -> failover(form);
      case "DescribeReplicationGroups" -> replicationGroup(form, r.region());
      case "CreateReplicationGroup" -> join(form, r.region());
      default -> error(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
    };
  }

  private Reply describe(Map<String, String> form) {
    String id = form.get("GlobalReplicationGroupId");
    Group g = groups.get(id);
    if (g == null) {
      return error(404, "GlobalReplicationGroupNotFoundFault", "GlobalReplicationGroup " + id + " not found.");
    }
    advance(g);
    boolean members = "true".equals(form.get("ShowMemberInfo"));
    return ok("DescribeGlobalReplicationGroups",
        "<GlobalReplicationGroups>" + xml(id, g, members) + "</GlobalReplicationGroups>");
  }

  /** A member's own replication group, found only in its own region as the service's are. */
  private Reply replicationGroup(Map<String, String> form, String region) {
    String id = form.get("ReplicationGroupId");
    Member m = groups.values().stream().flatMap(g -> g.members.stream())
        .filter(x -> x.id.equals(id) && x.region.equals(region)).findFirst().orElse(null);
    if (m == null) {
      return error(404, "ReplicationGroupNotFoundFault", "ReplicationGroup " + id + " not found.");
    }
    StringBuilder clusters = new StringBuilder();
    m.nodes.forEach(n -> clusters.append("<ClusterId>").append(n).append("</ClusterId>"));
    return ok("DescribeReplicationGroups", "<ReplicationGroups><ReplicationGroup><ReplicationGroupId>" + id
        + "</ReplicationGroupId><Status>available</Status><MemberClusters>" + clusters
        + "</MemberClusters></ReplicationGroup></ReplicationGroups>");
  }

  private Reply failover(Map<String, String> form) {
    Set<String> expected = Set.of("Action", "Version", "GlobalReplicationGroupId", "PrimaryRegion",
        "PrimaryReplicationGroupId");
    if (!form.keySet().equals(expected)) {
      return error(400, "InvalidParameterCombination", "unexpected parameters " + form.keySet());
    }
    String id = form.get("GlobalReplicationGroupId");
    Group g = groups.get(id);
    if (g == null) {
      return error(404, "GlobalReplicationGroupNotFoundFault", "GlobalReplicationGroup " + id + " not found.");
    }
    Member target = g.members.stream().filter(m -> m.id.equals(form.get("PrimaryReplicationGroupId"))
        && m.region.equals(form.get("PrimaryRegion"))).findFirst().orElse(null);
    if (target == null) {
      return error(400, "InvalidParameterValue", "The replication group is not a member of the Global datastore.");
    }
    if (!g.status.equals("available")) {
      return error(400, "InvalidGlobalReplicationGroupState", "Global datastore " + id + " is " + g.status + ".");
    }
    g.status = "modifying";
    g.promoting = target;
    g.describesLeft = 3;
    return ok("FailoverGlobalReplicationGroup", xml(id, g, false));
  }

  private Reply join(Map<String, String> form, String region) {
    String id = form.get("ReplicationGroupId");
    Group g = groups.get(form.get("GlobalReplicationGroupId"));
    if (id == null || form.get("ReplicationGroupDescription") == null || g == null) {
      return error(400, "InvalidParameterValue", "ReplicationGroupId, ReplicationGroupDescription and an existing"
          + " GlobalReplicationGroupId are required here");
    }
    boolean taken = standalone.contains(id + "@" + region) || groups.values().stream()
        .flatMap(x -> x.members.stream()).anyMatch(m -> m.id.equals(id) && m.region.equals(region));
    if (taken) {
      return error(400, "ReplicationGroupAlreadyExists", "Replication group " + id + " already exists.");
    }
    Member m = new Member(id, region, "SECONDARY");
    m.status = "associating";
    g.members.add(m);
    g.status = "modifying";
    g.joining = m;
    g.joinLeft = JOIN_DESCRIBES;
    return ok("CreateReplicationGroup", "<ReplicationGroup><ReplicationGroupId>" + id + "</ReplicationGroupId>"
        + "<Status>creating</Status></ReplicationGroup>");
  }

  /** One step of the failover per describe: roles switch on the second, status settles on the third. */
  private static void advance(Group g) {
    if (g.joining != null && --g.joinLeft == 0) {
      g.joining.status = "associated";
      g.status = "available";
      g.joining = null;
    }
    if (g.promoting == null) {
      return;
    }
    g.describesLeft--;
    if (g.describesLeft == 1) {
      g.members.forEach(m -> m.role = m == g.promoting ? "PRIMARY" : "SECONDARY");
    } else if (g.describesLeft == 0) {
      g.status = "available";
      g.promoting = null;
    }
  }

  private static String xml(String id, Group g, boolean withMembers) {
    StringBuilder s = new StringBuilder("<GlobalReplicationGroup><GlobalReplicationGroupId>").append(id)
        .append("</GlobalReplicationGroupId><Status>").append(g.status).append("</Status>")
        .append("<Engine>redis</Engine><ClusterEnabled>false</ClusterEnabled>");
    if (withMembers) {
      s.append("<Members>");
      for (Member m : g.members) {
        s.append("<GlobalReplicationGroupMember><ReplicationGroupId>").append(m.id)
            .append("</ReplicationGroupId><ReplicationGroupRegion>").append(m.region)
            .append("</ReplicationGroupRegion><Role>").append(m.role).append("</Role>")
            .append("<AutomaticFailover>enabled</AutomaticFailover><Status>").append(m.status).append("</Status>")
            .append("</GlobalReplicationGroupMember>");
      }
      s.append("</Members>");
    }
    return s.append("<ARN>arn:aws:elasticache::123456789012:globalreplicationgroup:").append(id)
        .append("</ARN></GlobalReplicationGroup>").toString();
  }

  private static Reply ok(String action, String result) {
    return new Reply(200, Map.of("Content-Type", "text/xml"), "<" + action + "Response xmlns=\"" + NS + "\"><"
        + action + "Result>" + result + "</" + action + "Result><ResponseMetadata><RequestId>fake</RequestId>"
        + "</ResponseMetadata></" + action + "Response>");
  }
}
