package io.drwatch.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.lab.FreePorts;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tcp target probe against real loopback listeners. */
class TcpTargetProbeIT {
  private static final Duration TIMEOUT = Duration.ofMillis(400);

  private Vertx vertx;
  private TcpTargetProbe probe;

  /**
   * The first connects of a JVM run Netty's class initialisation on an event loop (100-500 ms),
   * which the strict checker of {@link TestVertx} would report. Pay for it once, outside the tests.
   */
  @BeforeAll
  static void warmUp() throws Exception {
    Vertx lenient = Vertx.vertx();
    try {
      NetServer server = lenient.createNetServer().connectHandler(s -> { })
          .listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
      TcpTargetProbe warm = TcpTargetProbe.create(lenient, "127.0.0.1:" + server.actualPort(), TIMEOUT);
      CheckResult.run(warm);
      server.close().await(5, TimeUnit.SECONDS);
      CheckResult.run(warm);
    } finally {
      lenient.close().await(5, TimeUnit.SECONDS);
    }
  }

  @BeforeEach
  void startVertx() {
    vertx = TestVertx.create();
  }

  @AfterEach
  void stopVertx() throws Exception {
    if (probe != null) {
      probe.close().await(5, TimeUnit.SECONDS);
    }
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private NetServer listen(int port) throws Exception {
    return vertx.createNetServer()
        .connectHandler(socket -> { }) // accepts and never writes
        .listen(port, "127.0.0.1")
        .await(5, TimeUnit.SECONDS);
  }

  private TcpTargetProbe probe(int port) {
    probe = TcpTargetProbe.create(vertx, "127.0.0.1:" + port, TIMEOUT);
    return probe;
  }

  @Test
  void shouldSucceedWhenTheServerAcceptsTheConnection() throws Exception {
    NetServer server = listen(0);
    CheckResult first = CheckResult.run(probe(server.actualPort()));
    CheckResult second = CheckResult.run(probe);
    System.out.printf("tcp live: %s, then %s%n", first, second);
    assertThat(first.ok()).as(first.toString()).isTrue();
    assertThat(second.ok()).as(second.toString()).isTrue();
  }

  /** As the daemon calls it: from an event loop, which the strict test Vert.x watches. */
  @Test
  void shouldNotBlockTheEventLoop() throws Exception {
    NetServer server = listen(0);
    List<CheckResult> runs = CheckResult.runOnEventLoop(vertx, probe(server.actualPort()), 20);
    assertThat(runs).allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());
  }

  @Test
  void shouldReportConnectionRefusedOnAClosedPort() {
    CheckResult r = CheckResult.run(probe(FreePorts.pick()));
    System.out.println("tcp closed port: " + r);
    assertThat(r.ok()).isFalse();
    assertThat(r.reason()).startsWith("Connection refused: ").contains("127.0.0.1:");
    assertThat(r.millis()).isLessThan(TIMEOUT.toMillis() / 2);
  }

  /**
   * A listener whose accept queue is full drops further SYNs: the handshake never completes, which
   * is what a frozen host or a black-holed address looks like to a TCP client.
   */
  @Test
  void shouldTimeOutWhenTheHandshakeNeverCompletes() throws Exception {
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = fillAcceptQueue(full.getLocalPort());
      try {
        CheckResult r = CheckResult.run(probe(full.getLocalPort()));
        System.out.println("tcp accept queue full: " + r);
        assertThat(r.ok()).isFalse();
        assertThat(r.reason()).isEqualTo("no connection within 400ms");
        assertThat(r.millis()).isBetween(TIMEOUT.toMillis() - 50, TIMEOUT.toMillis() + 300);
      } finally {
        for (Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  /** Connects until a connect times out: from then on the queue is full and SYNs are dropped. */
  private static List<Socket> fillAcceptQueue(int port) throws IOException {
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        sockets.add(s);
      } catch (IOException timedOut) {
        s.close();
        return sockets;
      }
    }
    throw new AssertionError("the accept queue never filled up after " + sockets.size() + " connections");
  }

  @Test
  void shouldRecoverOnTheFirstCheckAfterTheServerRestarts() throws Exception {
    int port = FreePorts.pick();
    NetServer server = listen(port);
    probe(port);
    assertThat(CheckResult.run(probe).ok()).isTrue();

    server.close().await(5, TimeUnit.SECONDS);
    CheckResult down = CheckResult.run(probe);
    assertThat(down.ok()).isFalse();
    assertThat(down.reason()).containsIgnoringCase("connection refused");

    listen(port);
    CheckResult back = CheckResult.run(probe);
    System.out.printf("tcp restart: down %s, back %s%n", down, back);
    assertThat(back.ok()).as(back.toString()).isTrue();
  }
}
