package io.drwatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One token per role: a token that opens two roles' endpoints gives whoever holds it for the
 * lesser role (a peer, an EventBridge connection) the greater one (executing a failover).
 */
final class RoleTokens {
  private RoleTokens() {}

  static void requireDistinct(List<String> errors, HttpConfig http, DetectionConfig detection,
      Optional<RunbookConfig> runbook) {
    List<Map.Entry<String, Secret>> roles = new ArrayList<>();
    runbook.flatMap(RunbookConfig::token).ifPresent(t -> roles.add(Map.entry("runbook.token", t)));
    detection.peerToken().ifPresent(t -> roles.add(Map.entry("detection.peerToken", t)));
    detection.events().token().ifPresent(t -> roles.add(Map.entry("detection.events.token", t)));
    http.readToken().ifPresent(t -> roles.add(Map.entry("http.readToken", t)));
    for (int i = 0; i < roles.size(); i++) {
      for (int j = i + 1; j < roles.size(); j++) {
        if (roles.get(i).getValue().sameValueAs(roles.get(j).getValue())) {
          errors.add(roles.get(j).getKey() + ": must differ from " + roles.get(i).getKey()
              + " (one token per role; the same value opens both roles' endpoints)");
        }
      }
    }
  }
}
