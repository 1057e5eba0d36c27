package io.drwatch.adapter.aws.rds;

import java.util.List;

/**
 * The RDS Query API's XML answers (namespace {@value #NS}), in the shapes of the service model
 * (botocore {@code rds/2014-10-31/service-2.json}): results wrapped in {@code <XResult>}, list
 * members named by their {@code locationName} ({@code DBInstance}; {@code GlobalClusterMember} for
 * both the global-cluster list and its member list), errors as {@code <ErrorResponse>}.
 */
final class RdsXml {
  static final String NS = "http://rds.amazonaws.com/doc/2014-10-31/";
  static final String ACCOUNT = "123456789012";

  private RdsXml() {}

  static String response(String action, String result) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action + "Response xmlns=\"" + NS + "\">"
        + "<" + action + "Result>" + result + "</" + action + "Result>"
        + "<ResponseMetadata><RequestId>" + requestId() + "</RequestId></ResponseMetadata>"
        + "</" + action + "Response>";
  }

  static String error(int status, String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"" + NS + "\"><Error>"
        + "<Type>" + (status >= 500 ? "Receiver" : "Sender") + "</Type>"
        + "<Code>" + esc(code) + "</Code><Message>" + esc(message) + "</Message></Error>"
        + "<RequestId>" + requestId() + "</RequestId></ErrorResponse>";
  }

  /** One {@code DBInstance}; {@code source} is the replica's source (an ARN when cross-region), or null. */
  static String instance(String region, String id, String status, String source) {
    StringBuilder x = new StringBuilder("<DBInstance>")
        .append(el("DBInstanceIdentifier", id))
        .append(el("DBInstanceArn", "arn:aws:rds:" + region + ":" + ACCOUNT + ":db:" + id))
        .append(el("DBInstanceClass", "db.t3.micro"))
        .append(el("Engine", "postgres"))
        .append(el("DBInstanceStatus", status))
        .append(el("MultiAZ", "false"))
        .append("<ReadReplicaDBInstanceIdentifiers/>");
    if (source != null) {
      x.append(el("ReadReplicaSourceDBInstanceIdentifier", source));
    }
    return x.append("</DBInstance>").toString();
  }

  record Member(String arn, boolean writer) {}

  /**
   * One {@code GlobalCluster} as {@code element}: {@code GlobalClusterMember} in a list (the list's
   * locationName), {@code GlobalCluster} in a failover or switchover result.
   * {@code failover} is the {@code FailoverState} status, or null for none.
   */
  static String globalCluster(String element, String id, String status, List<Member> members, String failover,
      String from, String to, boolean dataLoss) {
    StringBuilder x = new StringBuilder("<" + element + ">")
        .append(el("GlobalClusterIdentifier", id))
        .append(el("GlobalClusterResourceId", "cluster-" + Integer.toHexString(id.hashCode())))
        .append(el("GlobalClusterArn", "arn:aws:rds::" + ACCOUNT + ":global-cluster:" + id))
        .append(el("Status", status))
        .append(el("Engine", "aurora-postgresql"))
        .append(el("EngineVersion", "15.4"))
        .append(el("StorageEncrypted", "true"))
        .append(el("DeletionProtection", "false"))
        .append("<GlobalClusterMembers>");
    for (Member m : members) {
      x.append("<GlobalClusterMember>").append(el("DBClusterArn", m.arn())).append("<Readers>");
      members.stream().filter(r -> m.writer() && !r.writer()).forEach(r -> x.append(el("member", r.arn())));
      x.append("</Readers>").append(el("IsWriter", Boolean.toString(m.writer())));
      if (!m.writer()) {
        x.append(el("SynchronizationStatus", "connected"));
      }
      x.append("</GlobalClusterMember>");
    }
    x.append("</GlobalClusterMembers>");
    if (failover != null) {
      x.append("<FailoverState>").append(el("Status", failover)).append(el("FromDbClusterArn", from))
          .append(el("ToDbClusterArn", to)).append(el("IsDataLossAllowed", Boolean.toString(dataLoss)))
          .append("</FailoverState>");
    }
    return x.append("</" + element + ">").toString();
  }

  private static String el(String name, String value) {
    return "<" + name + ">" + esc(value) + "</" + name + ">";
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String requestId() {
    return java.util.UUID.randomUUID().toString();
  }
}
