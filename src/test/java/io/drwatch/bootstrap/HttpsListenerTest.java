package io.drwatch.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.http.Listener;
import io.drwatch.adapter.http.TestPki;
import io.drwatch.adapter.peers.VotesEndpoint;
import io.drwatch.config.ConfigLoader;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.config.PemFiles;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import io.drwatch.testkit.NoBlockedThreadsExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS listener as the daemon builds it from {@code http.tls}: curl with the CA, plain HTTP
 * on the same port, mTLS on the votes route, and a rotated certificate picked up by a new
 * handshake.
 */
class HttpsListenerTest {
  private static final String PEER_TOKEN = "peer-token-for-listener-test";

  @TempDir
  Path dir;
  private Vertx vertx;
  private TestPki pki;
  private TestPki.Leaf server;
  private Listener listener;
  private LiveFiles files;

  /**
   * A cold JVM loads Jackson, Netty's TLS handler and the JDK's certificate path checks on the
   * first handshakes and the first votes body, which blocks an event loop for 100+ ms on a busy
   * machine: pay that once here, where the blocked-thread check does not count.
   */
  @BeforeAll
  static void warmUp(@TempDir Path warm) throws Exception {
    HttpsListenerTest cold = new HttpsListenerTest();
    cold.dir = warm;
    cold.vertx = Vertx.vertx();
    try {
      cold.start();
      TestPki.Leaf peer = cold.pki.leaf("peer");
      cold.curl("--cacert", cold.pki.caFile().toString(), "--cert", peer.cert().toString(),
          "--key", peer.key().toString(), "-H", "Authorization: Bearer " + PEER_TOKEN, cold.https("/api/v1/votes"));
      cold.curl("--cacert", cold.pki.caFile().toString(), cold.https("/api/v1/votes"));
      cold.served();
    } finally {
      cold.tearDown();
      NoBlockedThreadsExtension.recorder().drain();
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    vertx = TestVertx.create();
    start();
  }

  private void start() throws Exception {
    pki = TestPki.create(dir, "drwatch");
    server = pki.leaf("server");
    DrwatchConfig config = ConfigLoader.parse("""
        http:
          host: 127.0.0.1
          port: 0
          tls: { certFile: "%s", keyFile: "%s", clientCaFile: "%s", checkEvery: 100ms }
        channels:
          - { name: a, kind: redis, primary: { url: "redis://127.0.0.1:1" }, replica: { url: "redis://127.0.0.1:2" } }
        detection: { peerToken: %s }
        """.formatted(server.cert(), server.key(), pki.caFile(), PEER_TOKEN), Map.<String, String>of()::get);
    Router router = Router.router(vertx);
    router.get("/api/v1/status").handler(rc -> rc.response().end("status ok"));
    VotesEndpoint.mount(router, "obs-a", () -> PEER_TOKEN, true, List::of, Clock.systemUTC());
    TlsFiles tls = TlsFiles.read(config);
    listener = await(Listener.listen(vertx, router, config.http(), tls.listener()));
    files = new LiveFiles(vertx, config.http().tls().orElseThrow().checkEvery());
    tls.watch(files, config);
    files.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    files.stop();
    await(vertx.close());
  }

  @Test
  void shouldServeHttpsToCurlTrustingTheCa() throws Exception {
    TestPki.Result r = curl("--cacert", pki.caFile().toString(), https("/api/v1/status"));

    assertThat(r.output()).isEqualTo("200 status ok");
  }

  @Test
  void shouldGivePlainHttpNoAnswerOnTheTlsPort() throws Exception {
    TestPki.Result r = curl("http://127.0.0.1:" + listener.port() + "/api/v1/status");

    assertThat(r.exit()).as("curl fails: the server closed without an HTTP answer").isNotZero();
    assertThat(r.output()).startsWith("000");
  }

  @Test
  void shouldRefuseVotesWithoutAClientCertificateAndServeThemWithOne() throws Exception {
    String auth = "Authorization: Bearer " + PEER_TOKEN;
    TestPki.Leaf peer = pki.leaf("peer");
    TestPki stranger = TestPki.create(dir, "stranger");
    TestPki.Leaf foreign = stranger.leaf("foreign");

    TestPki.Result none = curl("--cacert", pki.caFile().toString(), "-H", auth, https("/api/v1/votes"));
    TestPki.Result ours = curl("--cacert", pki.caFile().toString(), "--cert", peer.cert().toString(),
        "--key", peer.key().toString(), "-H", auth, https("/api/v1/votes"));
    TestPki.Result theirs = curl("--cacert", pki.caFile().toString(), "--cert", foreign.cert().toString(),
        "--key", foreign.key().toString(), "-H", auth, https("/api/v1/votes"));

    assertThat(none.output()).startsWith("403 client certificate required (mTLS)");
    assertThat(ours.output()).startsWith("200 {\"observer\":\"obs-a\"");
    assertThat(theirs.exit()).as("a certificate from another CA fails the handshake").isNotZero();
    assertThat(theirs.output()).startsWith("000");
    assertThat(curl("--cacert", pki.caFile().toString(), https("/api/v1/status")).output())
        .as("read routes need no client certificate").isEqualTo("200 status ok");
  }

  @Test
  void shouldRefuseOversizedRequestLinesAndHeaders() throws Exception {
    String ca = pki.caFile().toString();

    assertThat(curl("--cacert", ca, https("/api/v1/status?" + "x".repeat(5000))).output()).startsWith("414");
    assertThat(curl("--cacert", ca, "-H", "X-Big: " + "y".repeat(9000), https("/api/v1/status")).output())
        .startsWith("431");
    assertThat(curl("--cacert", ca, https("/api/v1/status?" + "x".repeat(3000))).output())
        .isEqualTo("200 status ok");
  }

  @Test
  void shouldServeARotatedCertificateToTheNextHandshake() throws Exception {
    X509Certificate first = PemFiles.certificates(server.cert()).get(0);
    assertThat(served()).isEqualTo(first);

    pki.leaf("server");
    X509Certificate second = PemFiles.certificates(server.cert()).get(0);

    assertThat(second).isNotEqualTo(first);
    Await.until(Duration.ofSeconds(10), "the listener to serve the new certificate",
        () -> served().equals(second));
    assertThat(curl("--cacert", pki.caFile().toString(), https("/api/v1/status")).output())
        .isEqualTo("200 status ok");
  }

  @Test
  void shouldKeepTheCurrentCertificateWhenARotatedKeyDoesNotMatch() throws Exception {
    X509Certificate first = PemFiles.certificates(server.cert()).get(0);
    TestPki.Leaf other = pki.leaf("other");

    java.nio.file.Files.copy(other.key(), server.key(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    // A reload would happen within a few periods; the mismatch must leave the old pair serving.
    io.drwatch.testkit.LoopTicks.await(vertx, Duration.ofMillis(100), 5);

    assertThat(served()).isEqualTo(first);
  }

  private String https(String path) {
    return "https://localhost:" + listener.port() + path;
  }

  /** {@code "<status> <body>"}; status 000 when no HTTP answer came. */
  private TestPki.Result curl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-o", "-", "-w", "\\n%{http_code}"));
    cmd.addAll(List.of(args));
    TestPki.Result r = TestPki.attempt(dir, cmd);
    String out = r.output().strip();
    int nl = out.lastIndexOf('\n');
    String code = out.substring(nl + 1).strip();
    String body = nl < 0 ? "" : out.substring(0, nl).strip();
    return new TestPki.Result(r.exit(), (code + " " + body).strip());
  }

  // The certificate a fresh handshake is served; trusting anything, as only its identity is checked.
  private X509Certificate served() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", listener.port())) {
      socket.setSoTimeout(5000);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
