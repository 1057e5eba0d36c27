package io.drwatch.it;

import io.drwatch.app.decide.Detection;
import io.drwatch.lab.PostgresPair;

/** Config and probes for two daemons that are each other's peer, watching one real pair. */
final class TwoObservers {
  private TwoObservers() {}

  /** Target probes every 1 s (800 ms timeout); quorum probes + replication, held 2 s. */
  static String config(PostgresPair pg, String observer, int port, int peerPort, int failuresToSuspect) {
    return """
        observer: { name: %s }
        http: { host: 127.0.0.1, port: %d }
        channels:
          - name: orders-db
            kind: postgres
            primary: { url: "%s" }
            replica: { url: "%s" }
            heartbeat: { interval: 500ms, timeout: 400ms }
        detection:
          tick: 500ms
          targets:
            - name: db-primary
              probe: postgres
              address: "%s"
              interval: 1s
              timeout: 800ms
              failuresToSuspect: %d
              successesToClear: 2
              channels: [orders-db]
          quorum: { require: [probes, replication], minSignals: 2, holdFor: 2s }
          peers: ["http://127.0.0.1:%d"]
          peerToken: quorum-it-peer-token
        """.formatted(observer, port, pg.primaryUrl(), pg.standbyUrl(), pg.primaryUrl(),
        failuresToSuspect, peerPort);
  }

  static boolean peersSeen(DaemonHarness d) {
    return d.detection().latest().map(x -> !x.peers().isEmpty()).orElse(false);
  }

  /** This observer's own probes suspect the target (SDOWN). */
  static boolean suspects(DaemonHarness d) {
    return d.detection().latest().map(x -> x.own().stream().anyMatch(r -> r.suspected()))
        .orElse(false);
  }

  static boolean declared(DaemonHarness d) {
    return d.detection().latest().map(Detection::declared).orElse(false);
  }
}
