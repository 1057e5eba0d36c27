package io.drwatch.it;

import io.drwatch.lab.PostgresPair;
import io.drwatch.lab.RedisPair;
import java.nio.file.Path;

/** A daemon config over the real lab: detection on the primary, a two-step promote runbook. */
final class FailoverLab {
  private FailoverLab() {}

  static String config(PostgresPair pg, RedisPair redis, Path state, String mode, String maxDataLoss) {
    return """
        observer: { name: obs-a }
        http: { host: 127.0.0.1, port: 0 }
        objectives: { rpo: 5s, rto: 2m }
        channels:
          - name: orders-db
            kind: postgres
            primary: { url: "%s" }
            replica: { url: "%s" }
            heartbeat: { interval: 500ms, timeout: 400ms }
        detection:
          tick: 500ms
          targets:
            - { name: db-primary, probe: postgres, address: "%s", interval: 500ms, timeout: 400ms,
                failuresToSuspect: 3, channels: [orders-db] }
          quorum: { require: [probes, replication], minSignals: 2, holdFor: 1s }
        state: { dir: "%s" }
        runbook:
          token: failover-it-token
          mode: %s
          maxDataLoss: %s
          drainWait: 2s
          steps:
            - { id: promote-db, action: pg-promote, channel: orders-db, timeout: 30s, expected: 2s,
                params: { url: "%s" } }
            - { id: promote-cache, action: redis-promote, after: [promote-db], timeout: 10s,
                expected: 1s, params: { url: "%s" } }
        """.formatted(pg.primaryUrl(), pg.standbyUrl(), pg.primaryUrl(), state, mode, maxDataLoss,
        pg.standbyUrl(), redis.replicaUrl());
  }

}
