package io.drwatch.adapter.http;

import io.drwatch.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.Router;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon's HTTP(S) server with its limits. With TLS the port speaks TLS only: a plain HTTP
 * request is not a TLS record, and the connection is closed without an answer.
 */
public final class Listener {
  private static final System.Logger LOG = System.getLogger(Listener.class.getName());

  private final HttpServer server;

  private Listener(HttpServer server) {
    this.server = server;
  }

  /**
   * What the TLS side serves and, for mTLS, whom it trusts. The caller may hand in managers whose
   * contents it swaps on rotation: they are asked on every handshake, so nothing is rebuilt here.
   */
  public record Tls(KeyCertOptions keyCert, Optional<TrustOptions> clientCa) {}

  /**
   * Binds {@code config.host():config.port()}.
   *
   * @param tls required when {@code config.tls()} is set, read by the caller off the event loop
   */
  public static Future<Listener> listen(Vertx vertx, Router router, HttpConfig config,
      Optional<Tls> tls) {
    HttpConfig.Limits limits = config.limits();
    HttpServerOptions options = new HttpServerOptions()
        .setIdleTimeout((int) Math.max(1, limits.idleTimeout().toMillis()))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setMaxInitialLineLength(limits.maxInitialLineLength())
        .setMaxHeaderSize(limits.maxHeaderSize());
    tls.ifPresent(t -> {
      // REQUEST, not REQUIRED: the read routes stay usable by curl and Prometheus without a
      // certificate; the votes route refuses a request whose connection presented none.
      options.setSsl(true).setKeyCertOptions(t.keyCert())
          .setClientAuth(t.clientCa().isPresent() ? ClientAuth.REQUEST : ClientAuth.NONE)
          .setSslEngineOptions(offLoop());
      t.clientCa().ifPresent(options::setTrustOptions);
    });
    HttpServer server = vertx.createHttpServer(options).requestHandler(router);
    server.connectionHandler(capped(limits.maxConnections()));
    return server.listen(config.port(), config.host())
        .map(Listener::new);
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }

  // Over the cap a connection is closed at once: it costs an accept, never a request's work.
  private static io.vertx.core.Handler<HttpConnection> capped(int max) {
    AtomicInteger open = new AtomicInteger();
    AtomicInteger refusedSinceLog = new AtomicInteger();
    return conn -> {
      if (open.incrementAndGet() > max) {
        open.decrementAndGet();
        if (refusedSinceLog.getAndIncrement() == 0) {
          LOG.log(System.Logger.Level.WARNING, "http: " + max
              + " connections open (http.maxConnections): closing new ones until some end");
        }
        conn.close();
        return;
      }
      refusedSinceLog.set(0);
      conn.closeHandler(v -> open.decrementAndGet());
    };
  }

  /**
   * Handshake work (signing, checking a client's chain) on worker threads: a cold JVM's first
   * certificate path validation alone blocks for hundreds of milliseconds.
   */
  private static JdkSSLEngineOptions offLoop() {
    return new JdkSSLEngineOptions().setUseWorkerThread(true);
  }
}
