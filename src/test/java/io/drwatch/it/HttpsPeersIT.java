package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.http.TestPki;
import io.drwatch.bootstrap.Daemon;
import io.drwatch.config.ConfigLoader;
import io.drwatch.domain.detect.ObserverReport;
import io.drwatch.lab.FreePorts;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.TestVertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import io.drwatch.testkit.NoBlockedThreadsExtension;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons that poll each other's votes over https with mTLS: each serves its own
 * certificate, presents it as its client certificate, trusts the other's through {@code
 * detection.peerCaFile}, and binds the other's url to its observer name. A third, bound under a
 * wrong name, is not heard.
 */
class HttpsPeersIT {
  @TempDir
  Path dir;
  private Daemon a;
  private Daemon b;
  private VertxOptions options = TestVertx.options();

  @AfterEach
  void tearDown() throws Exception {
    for (Daemon d : new Daemon[] {a, b}) {
      if (d != null) {
        d.close();
      }
    }
  }

  /**
   * A cold JVM links the Redis client's and the TLS stack's code on the first probe and the first
   * handshakes, blocking a loop for 100+ ms: run the exchange once here, where the blocked-thread
   * check does not count, so that each test measures its own work.
   */
  @BeforeAll
  static void warmUp(@TempDir Path warm) throws Exception {
    HttpsPeersIT cold = new HttpsPeersIT();
    cold.dir = warm;
    cold.options = new VertxOptions();
    try {
      cold.shouldExchangeVotesOverHttpsWithClientCertificates();
    } finally {
      cold.tearDown();
      NoBlockedThreadsExtension.recorder().drain();
    }
  }

  private Daemon start(TestPki pki, String name, int port, String peers) throws Exception {
    TestPki.Leaf leaf = pki.leaf(name);
    String yaml = """
        observer: { name: %s }
        http:
          host: 127.0.0.1
          port: %d
          tls: { certFile: "%s", keyFile: "%s", clientCaFile: "%s" }
        channels:
          - { name: a, kind: redis, primary: { url: "redis://127.0.0.1:1" }, replica: { url: "redis://127.0.0.1:2" } }
        detection:
          tick: 500ms
          targets:
            - { name: edge, probe: tcp, address: "127.0.0.1:%d", interval: 500ms, timeout: 400ms }
          peers: [%s]
          peerToken: https-peers-it-token
          peerCaFile: "%s"
        state: { dir: "%s" }
        """.formatted(name, port, leaf.cert(), leaf.key(), pki.caFile(), FreePorts.pick(), peers,
        pki.caFile(), dir.resolve(name));
    return Daemon.start(ConfigLoader.parse(yaml, Map.<String, String>of()::get), options);
  }

  private static Set<String> heard(Daemon d) {
    return d.detection().latest().map(x -> x.peers().stream().map(ObserverReport::observer)
        .collect(Collectors.toSet())).orElse(Set.of());
  }

  @Test
  void shouldExchangeVotesOverHttpsWithClientCertificates() throws Exception {
    TestPki pki = TestPki.create(dir, "peers");
    int portA = FreePorts.pick();
    int portB = FreePorts.pick();
    a = start(pki, "obs-a", portA,
        "{ url: \"https://localhost:" + portB + "\", observer: obs-b }");
    b = start(pki, "obs-b", portB,
        "{ url: \"https://localhost:" + portA + "\", observer: obs-a }");

    Await.until(Duration.ofSeconds(30), "each observer hearing the other over mTLS",
        () -> heard(a).equals(Set.of("obs-b")) && heard(b).equals(Set.of("obs-a")));
  }

  @Test
  void shouldNotHearAPeerWhoseCertificateItsCaDidNotSign() throws Exception {
    TestPki ours = TestPki.create(dir, "ours");
    TestPki theirs = TestPki.create(dir, "theirs");
    int portA = FreePorts.pick();
    int portB = FreePorts.pick();
    a = start(ours, "obs-a", portA, "\"https://localhost:" + portB + "\"");
    b = start(theirs, "obs-b", portB, "\"https://localhost:" + portA + "\"");

    // Each side's own probe rounds go on; over those the foreign peer stays unheard.
    Await.until(Duration.ofSeconds(30), "both observers' own rounds",
        () -> a.detection().latest().map(x -> !x.own().isEmpty()).orElse(false)
            && b.detection().latest().map(x -> !x.own().isEmpty()).orElse(false));
    io.drwatch.testkit.LoopTicks.await(a.vertx(), Duration.ofMillis(500), 6);

    assertThat(heard(a)).isEmpty();
    assertThat(heard(b)).isEmpty();
  }

  @Test
  void shouldIgnoreAPeerBoundToAnotherName() throws Exception {
    TestPki pki = TestPki.create(dir, "names");
    int portA = FreePorts.pick();
    int portB = FreePorts.pick();
    a = start(pki, "obs-a", portA, "{ url: \"https://localhost:" + portB + "\", observer: obs-z }");
    b = start(pki, "obs-b", portB, "{ url: \"https://localhost:" + portA + "\", observer: obs-a }");

    Await.until(Duration.ofSeconds(30), "obs-b hearing obs-a", () -> heard(b).equals(Set.of("obs-a")));
    io.drwatch.testkit.LoopTicks.await(a.vertx(), Duration.ofMillis(500), 6);

    assertThat(heard(a)).as("obs-b answers, but is not obs-z").isEmpty();
  }
}
