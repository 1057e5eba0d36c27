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

  /** Where the lab's PostgreSQL agents listen, and their token (pg-rebuild-standby's params). */
  record Agents(int primaryPort, int standbyPort, String token) {}

  static String yaml(PostgresPair pg, RedisPair redis, int port, Duration interval, Path state, String mode,
      String token) {
    return yaml(pg, redis, port, interval, state, mode, token, java.util.Optional.empty());
  }

  /**
   * With {@code agents}: also the {@code runbook.reprotect} and {@code runbook.switchover} sections
   * of the whole DR cycle (issue 14), which need the agents the lab hosts.
   */
  static String yaml(PostgresPair pg, RedisPair redis, int port, Duration interval, Path state, String mode,
      String token, java.util.Optional<Agents> agents) {
    return base(pg, redis, port, interval, state, mode, token) + agents.map(a -> cycle(pg, redis, a)).orElse("");
  }

  private static String base(PostgresPair pg, RedisPair redis, int port, Duration interval, Path state, String mode,
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
            - { id: promote-cache, action: redis-promote, channel: lab-redis, after: [promote-db], timeout: 10s,
                expected: 1s,
                params: { url: "%s" }, drill: { url: "%s" } }
        """.formatted(port, pg.primaryUrl(), pg.standbyUrl(), every,
        redis.primaryUrl(), redis.replicaUrl(), every, pg.primaryUrl(), state, mode, token,
        pg.standbyUrl(), pg.standbyUrl(), redis.replicaUrl(), redis.replicaUrl());
  }

  /**
   * The runbooks after a failover to the standby region (P, R: the configured primaries; S, Q: the
   * configured standby and replica). reprotect: P is rebuilt as S's standby by P's agent, and R
   * follows Q. switchover (back): S is fenced, P promoted once it has S's newest canary, S rebuilt
   * as P's standby by S's agent; Redis fails over from Q to R with its own zero-loss handshake.
   */
  private static String cycle(PostgresPair pg, RedisPair redis, Agents a) {
    String agentP = "http://127.0.0.1:" + a.primaryPort();
    String agentS = "http://127.0.0.1:" + a.standbyPort();
    return """
          # The whole DR cycle (README: "The whole DR cycle on the lab"). Each PostgreSQL server has a
          # drwatch agent, hosted by the lab process, that rebuilds it as a standby.
          reprotect:
            steps:
              - { id: rebuild-db, action: pg-rebuild-standby, channel: lab-postgres, timeout: 5m, expected: 10s,
                  params: { agent: "%s", token: "%s", source: "%s", url: "%s", waitSeconds: "240" } }
              - { id: follow-cache, action: redis-replicaof, channel: lab-redis, timeout: 30s, expected: 2s,
                  params: { url: "%s", primary: "%s" } }
          switchover:
            drainWait: 10s
            steps:
              - { id: fence-db, action: pg-fence, fence: true, timeout: 30s, expected: 1s, params: { url: "%s" } }
              - { id: promote-db, action: pg-promote, channel: lab-postgres, after: [fence-db], timeout: 30s,
                  expected: 2s, params: { url: "%s" } }
              - { id: rebuild-db, action: pg-rebuild-standby, after: [promote-db], timeout: 5m, expected: 10s,
                  params: { agent: "%s", token: "%s", source: "%s", url: "%s", waitSeconds: "240" } }
              - { id: failover-cache, action: redis-failover, channel: lab-redis, timeout: 30s, expected: 2s,
                  params: { url: "%s", to: "%s" } }
        """.formatted(agentP, a.token(), pg.standbyUrl(), pg.primaryUrl(), redis.primaryUrl(), redis.replicaUrl(),
        pg.standbyUrl(), pg.primaryUrl(), agentS, a.token(), pg.primaryUrl(), pg.standbyUrl(),
        redis.replicaUrl(), redis.primaryUrl());
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
