package io.drwatch.cli;

import io.drwatch.config.Durations;
import io.drwatch.lab.PostgresPair;
import io.drwatch.lab.RedisPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** The config the lab writes for its daemon: an ordinary file, so users can copy it. */
final class LabConfig {
  private LabConfig() {}

  static String yaml(PostgresPair pg, RedisPair redis, int port, Duration interval, Path state, String mode,
      String token) {
    String every = Durations.format(interval);
    return """
        # Written by `drwatch lab`. Every key is documented in README.md (Configuration).
        observer: { name: lab }
        http: { host: 127.0.0.1, port: %d }
        objectives: { rpo: 2s }   # so that --apply-delay 3s shows LAGGING
        channels:
          - name: lab-postgres
            kind: postgres
            primary: { url: "%s" }
            replica: { url: "%s" }
            heartbeat: { interval: %s }
          - name: lab-redis
            kind: redis
            primary: { url: "%s" }
            replica: { url: "%s" }
            heartbeat: { interval: %s }
        # The PostgreSQL primary is probed; its standby's own link state is the second signal.
        detection:
          targets:
            - { name: lab-pg-primary, probe: postgres, address: "%s", channels: [lab-postgres] }
          quorum: { require: [probes, replication], minSignals: 2, holdFor: 3s }
        state: { dir: "%s" }
        # Promotes the lab's own standby and replica. The lab has no separate drill targets, so each
        # step's drill block names those same servers on purpose: a drill there is a real promotion.
        runbook:
          mode: %s
          token: "%s"
          maxDataLoss: 5s
          drainWait: 10s
          steps:
            - { id: promote-db, action: pg-promote, channel: lab-postgres, timeout: 30s, expected: 2s,
                params: { url: "%s" }, drill: { url: "%s" } }
            - { id: promote-cache, action: redis-promote, after: [promote-db], timeout: 10s, expected: 1s,
                params: { url: "%s" }, drill: { url: "%s" } }
        """.formatted(port, pg.primaryUrl(), pg.standbyUrl(), every,
        redis.primaryUrl(), redis.replicaUrl(), every, pg.primaryUrl(), state, mode, token,
        pg.standbyUrl(), pg.standbyUrl(), redis.replicaUrl(), redis.replicaUrl());
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
