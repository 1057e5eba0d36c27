package io.drwatch.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.config.HttpConfig;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What one client may cost the listener: open connections and idle time. */
class ListenerLimitsTest {
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = TestVertx.create();
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  private Listener listen(HttpConfig.Limits limits) throws Exception {
    Router router = Router.router(vertx);
    router.get("/").handler(rc -> rc.response().end("ok"));
    HttpConfig config = new HttpConfig("127.0.0.1", 0, Optional.empty(), Optional.empty(), limits);
    return await(Listener.listen(vertx, router, config, Optional.empty()));
  }

  @Test
  void shouldCloseConnectionsOverTheCapAndServeThoseUnder() throws Exception {
    Listener listener = listen(new HttpConfig.Limits(Duration.ofSeconds(30), 2, 4096, 8192));

    try (Socket first = open(listener); Socket second = open(listener); Socket third = open(listener)) {
      assertThat(get(first)).startsWith("HTTP/1.1 200");
      assertThat(get(second)).startsWith("HTTP/1.1 200");
      assertThat(get(third)).as("the third connection is closed unanswered").isEmpty();
    }
    // The server hears of the closes asynchronously: a slot frees up soon after, not at once.
    io.drwatch.testkit.Await.until(Duration.ofSeconds(10), "a free slot once those closed", () -> {
      try (Socket again = open(listener)) {
        return get(again).startsWith("HTTP/1.1 200");
      }
    });
  }

  @Test
  void shouldCloseAnIdleConnection() throws Exception {
    Listener listener = listen(new HttpConfig.Limits(Duration.ofMillis(300), 10, 4096, 8192));

    try (Socket idle = open(listener)) {
      idle.setSoTimeout(10_000);
      assertThat(idle.getInputStream().read()).as("closed by the server, not timed out here").isEqualTo(-1);
    }
  }

  private static Socket open(Listener listener) throws Exception {
    Socket s = new Socket("127.0.0.1", listener.port());
    s.setSoTimeout(10_000);
    return s;
  }

  // One keep-alive request; the status line and headers, or "" if the server closed instead.
  private static String get(Socket s) throws Exception {
    OutputStream out = s.getOutputStream();
    try {
      out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (java.io.IOException closed) {
      return "";
    }
    InputStream in = s.getInputStream();
    StringBuilder text = new StringBuilder();
    try {
      int c;
      while ((c = in.read()) != -1) {
        text.append((char) c);
        if (text.toString().endsWith("ok")) {
          break;
        }
      }
    } catch (java.net.SocketException reset) {
      return text.toString();
    }
    return text.toString();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
