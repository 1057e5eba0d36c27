package io.drwatch.adapter.aws.efs;

import io.drwatch.adapter.aws.LoopbackAwsFake;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EFS's REST-JSON API for the two replication operations moto 5.2.1 lacks (describe answers 500,
 * create 404): {@code GET /2015-02-01/file-systems/replication-configurations?FileSystemId=} and
 * {@code DELETE /2015-02-01/file-systems/{id}/replication-configuration?deletionMode=}. Errors are
 * JSON {@code {"ErrorCode","Message"}} with the {@code x-amzn-ErrorType} header, as in the service
 * model (ReplicationNotFound and FileSystemNotFound 404, ThrottlingException 429,
 * InternalServerError 500). A delete leaves the destinations {@code DELETING} for two describes,
 * then the configuration is gone.
 */
final class FakeEfs extends LoopbackAwsFake {
  private static final Pattern DELETE = Pattern.compile("/2015-02-01/file-systems/([^/]+)/replication-configuration");

  private static final class Replication {
    final String source;
    final String destination;
    String status = "ENABLED";
    int describesLeft = -1;

    Replication(String source, String destination) {
      this.source = source;
      this.destination = destination;
    }
  }

  private final Set<String> fileSystems = new HashSet<>();
  private final Map<String, Replication> replications = new LinkedHashMap<>();

  FakeEfs() throws IOException {}

  synchronized void addReplication(String source, String destination) {
    fileSystems.add(source);
    fileSystems.add(destination);
    replications.put(source, new Replication(source, destination));
  }

  synchronized void addFileSystem(String id) {
    fileSystems.add(id);
  }

  synchronized boolean replicating(String source) {
    return replications.containsKey(source);
  }

  static Reply error(int status, String code, String message) {
    return new Reply(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", code),
        new JsonObject().put("ErrorCode", code).put("Message", message).encode());
  }

  @Override
  protected synchronized Reply answer(Request r) {
    if (r.method().equals("GET") && r.path().equals("/2015-02-01/file-systems/replication-configurations")) {
      return describe(r.query().get("FileSystemId"));
    }
    Matcher delete = DELETE.matcher(r.path());
    if (r.method().equals("DELETE") && delete.matches()) {
      return delete(delete.group(1), r.query());
    }
    return error(400, "BadRequest", "no such operation: " + r.method() + " " + r.path());
  }

  private Replication find(String fileSystem) {
    return replications.values().stream()
        .filter(x -> x.source.equals(fileSystem) || x.destination.equals(fileSystem)).findFirst().orElse(null);
  }

  private Reply describe(String fileSystem) {
    if (fileSystem == null || !fileSystems.contains(fileSystem)) {
      return error(404, "FileSystemNotFound", "File system '" + fileSystem + "' does not exist.");
    }
    Replication x = find(fileSystem);
    if (x != null && x.describesLeft >= 0 && x.describesLeft-- == 0) {
      replications.remove(x.source);
      x = null;
    }
    if (x == null) {
      return error(404, "ReplicationNotFound", "No replications found for file system '" + fileSystem + "'.");
    }
    JsonObject destination = new JsonObject().put("Status", x.status).put("FileSystemId", x.destination)
        .put("Region", "us-west-2").put("LastReplicatedTimestamp", 1.7643e9);
    JsonObject config = new JsonObject().put("SourceFileSystemId", x.source).put("SourceFileSystemRegion", "us-east-1")
        .put("SourceFileSystemArn", "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/" + x.source)
        .put("OriginalSourceFileSystemArn", "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/" + x.source)
        .put("CreationTime", 1.7642e9).put("Destinations", new JsonArray().add(destination));
    return new Reply(200, Map.of("Content-Type", "application/json"),
        new JsonObject().put("Replications", new JsonArray().add(config)).encode());
  }

  private Reply delete(String fileSystem, Map<String, String> query) {
    String mode = query.get("deletionMode");
    if (!query.keySet().equals(Set.of("deletionMode"))
        || !Set.of("ALL_CONFIGURATIONS", "LOCAL_CONFIGURATION_ONLY").contains(mode)) {
      return error(400, "BadRequest", "unexpected query " + query);
    }
    if (!fileSystems.contains(fileSystem)) {
      return error(404, "FileSystemNotFound", "File system '" + fileSystem + "' does not exist.");
    }
    Replication x = find(fileSystem);
    if (x == null) {
      return error(404, "ReplicationNotFound", "No replications found for file system '" + fileSystem + "'.");
    }
    if (!x.source.equals(fileSystem)) {
      // The path's id is the SourceFileSystemId: a destination's id names no replication to delete.
      return error(400, "BadRequest", "SourceFileSystemId " + fileSystem + " is the destination of " + x.source);
    }
    x.status = "DELETING";
    x.describesLeft = 2;
    return new Reply(204, Map.of(), "");
  }
}
