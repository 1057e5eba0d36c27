package io.drwatch.adapter.http;

import io.drwatch.config.HttpConfig;
import io.drwatch.config.PemFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
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
  private final boolean clientCa;

  private Listener(HttpServer server, boolean clientCa) {
    this.server = server;
    this.clientCa = clientCa;
  }

  /** The PEM bytes the TLS side serves: the key pair and, for mTLS, the client CA bundle. */
  public record Tls(PemFiles.KeyPair pair, Optional<byte[]> clientCaPem) {}

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
      options.setSsl(true).setKeyCertOptions(keyCert(t)).setClientAuth(clientAuth(t))
          .setSslEngineOptions(offLoop());
      t.clientCaPem().ifPresent(ca -> options.setTrustOptions(trust(ca)));
    });
    HttpServer server = vertx.createHttpServer(options).requestHandler(router);
    server.connectionHandler(capped(limits.maxConnections()));
    return server.listen(config.port(), config.host())
        .map(s -> new Listener(s, tls.flatMap(Tls::clientCaPem).isPresent()));
  }

  public int port() {
    return server.actualPort();
  }

  /**
   * Serves {@code tls} to new handshakes from now on; open connections keep theirs. A client CA
   * bundle can change but not appear or go: whether peers need a certificate is set at start.
   */
  public Future<Boolean> reload(Tls tls) {
    if (tls.clientCaPem().isPresent() != clientCa) {
      return Future.failedFuture(new IllegalStateException(
          "http.tls.clientCaFile cannot be added or removed without a restart"));
    }
    ServerSSLOptions ssl = new ServerSSLOptions().setKeyCertOptions(keyCert(tls))
        .setClientAuth(clientAuth(tls));
    tls.clientCaPem().ifPresent(ca -> ssl.setTrustOptions(trust(ca)));
    return server.updateSSLOptions(ssl, true);
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
  public static JdkSSLEngineOptions offLoop() {
    return new JdkSSLEngineOptions().setUseWorkerThread(true);
  }

  private static PemKeyCertOptions keyCert(Tls tls) {
    return new PemKeyCertOptions().setCertValue(Buffer.buffer(tls.pair().certPem()))
        .setKeyValue(Buffer.buffer(tls.pair().keyPem()));
  }

  // REQUEST, not REQUIRED: the read routes stay usable by curl and Prometheus without a
  // certificate; the votes route refuses a request whose connection presented none.
  private static ClientAuth clientAuth(Tls tls) {
    return tls.clientCaPem().isPresent() ? ClientAuth.REQUEST : ClientAuth.NONE;
  }

  private static PemTrustOptions trust(byte[] caPem) {
    return new PemTrustOptions().addCertValue(Buffer.buffer(caPem));
  }
}
