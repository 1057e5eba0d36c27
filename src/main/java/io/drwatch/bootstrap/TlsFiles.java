package io.drwatch.bootstrap;

import io.drwatch.adapter.http.Listener;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.config.TlsConfig;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TLS material of {@code http.tls} and {@code detection.peerCaFile}: read at start (blocking,
 * on the starting thread), shared by the listener and the peer client, and swapped in place when
 * the files change. This observer's certificate is both what the listener serves and what it
 * presents to peers as its client certificate.
 */
final class TlsFiles {
  private final Optional<LiveTls.Keys> own;
  private final Optional<LiveTls.Trust> clientCa;
  private final Optional<LiveTls.Trust> peerCa;

  private TlsFiles(DrwatchConfig config) {
    Optional<TlsConfig> tls = config.http().tls();
    own = tls.map(t -> new LiveTls.Keys(LiveTls.keys(t.certFile(), t.keyFile())));
    clientCa = tls.flatMap(TlsConfig::clientCaFile).map(ca -> new LiveTls.Trust(LiveTls.trust(ca)));
    peerCa = config.detection().peerCaFile().map(ca -> new LiveTls.Trust(LiveTls.trust(ca)));
  }

  /** Reads the files now; the config loader has checked them, so a failure here is a race. */
  static TlsFiles read(DrwatchConfig config) {
    return new TlsFiles(config);
  }

  Optional<Listener.Tls> listener() {
    return own.map(keys -> new Listener.Tls(KeyCertOptions.wrap(keys), clientCa.map(TrustOptions::wrap)));
  }

  /** For polling peers: null when neither a certificate nor a peer CA is configured. */
  ClientSSLOptions peerClient() {
    if (own.isEmpty() && peerCa.isEmpty()) {
      return null;
    }
    ClientSSLOptions ssl = new ClientSSLOptions();
    own.ifPresent(keys -> ssl.setKeyCertOptions(KeyCertOptions.wrap(keys)));
    peerCa.ifPresent(trust -> ssl.setTrustOptions(TrustOptions.wrap(trust)));
    return ssl;
  }

  /** Swaps in the files' new contents when they change, checked every period of {@code files}. */
  void watch(LiveFiles files, DrwatchConfig config) {
    config.http().tls().ifPresent(tls -> {
      files.watch("http.tls certFile/keyFile", List.of(tls.certFile(), tls.keyFile()),
          () -> LiveTls.keys(tls.certFile(), tls.keyFile()), own.orElseThrow().live::set);
      tls.clientCaFile().ifPresent(ca -> files.watch("http.tls.clientCaFile", List.of(ca),
          () -> LiveTls.trust(ca), clientCa.orElseThrow().live::set));
    });
    config.detection().peerCaFile().ifPresent(ca -> files.watch("detection.peerCaFile", List.of(ca),
        () -> LiveTls.trust(ca), peerCa.orElseThrow().live::set));
  }

  /**
   * Initialises the JDK's and Netty's TLS on the starting thread. The first handshake otherwise
   * does it on an event loop: loading the JVM trust store, the cipher suite tables and the
   * handshake code blocked a loop for 100-400 ms per connection on a cold JVM.
   */
  static void warmUp(DrwatchConfig config) {
    boolean https = config.http().tls().isPresent()
        || config.detection().peers().stream().anyMatch(p -> p.url().startsWith("https:"));
    if (!https) {
      return;
    }
    try {
      javax.net.ssl.SSLContext.getDefault();
      javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(null, null, null);
      javax.net.ssl.SSLEngine engine = context.createSSLEngine("localhost", 443);
      engine.setUseClientMode(true);
      engine.beginHandshake();
      engine.wrap(java.nio.ByteBuffer.allocate(0),
          java.nio.ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
      ClassLoader loader = TlsFiles.class.getClassLoader();
      for (String name : List.of("io.vertx.core.spi.tls.DefaultJDKCipherSuite",
          "io.netty.handler.ssl.SslHandler", "io.netty.handler.ssl.JdkSslContext",
          "io.netty.handler.ssl.JdkSslClientContext", "io.netty.handler.ssl.JdkSslServerContext")) {
        Class.forName(name, true, loader);
      }
    } catch (ReflectiveOperationException | java.security.GeneralSecurityException
        | javax.net.ssl.SSLException | RuntimeException e) {
      // Only a warm-up: the real handshake reports any problem itself.
    }
  }
}
