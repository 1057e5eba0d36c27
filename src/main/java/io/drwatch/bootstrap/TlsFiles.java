package io.drwatch.bootstrap;

import io.drwatch.adapter.http.Listener;
import io.drwatch.adapter.peers.HttpVoteExchange;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.config.PemFiles;
import io.drwatch.config.TlsConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PEM files of {@code http.tls} and {@code detection.peerCaFile}, read (blocking) for the
 * listener and the peer client, and watched for rotation. This observer's certificate is both
 * what the listener serves and what it presents to peers as its client certificate.
 */
final class TlsFiles {
  private TlsFiles() {}

  static Optional<Listener.Tls> listener(DrwatchConfig config) {
    return config.http().tls().map(TlsFiles::listener);
  }

  private static Listener.Tls listener(TlsConfig tls) {
    PemFiles.KeyPair pair = PemFiles.keyPair(tls.certFile(), tls.keyFile());
    return new Listener.Tls(pair, tls.clientCaFile().map(TlsFiles::bundle));
  }

  /** For polling peers: null when neither a certificate nor a peer CA is configured. */
  static ClientSSLOptions peerClient(DrwatchConfig config) {
    Optional<TlsConfig> own = config.http().tls();
    Optional<Path> ca = config.detection().peerCaFile();
    if (own.isEmpty() && ca.isEmpty()) {
      return null;
    }
    ClientSSLOptions ssl = new ClientSSLOptions();
    own.ifPresent(t -> {
      PemFiles.KeyPair pair = PemFiles.keyPair(t.certFile(), t.keyFile());
      ssl.setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(pair.certPem()))
          .setKeyValue(Buffer.buffer(pair.keyPem())));
    });
    ca.ifPresent(c -> ssl.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(bundle(c)))));
    return ssl;
  }

  /** Reloads the listener's and the peer client's certificates when their files change. */
  static void watch(LiveFiles files, DrwatchConfig config, Listener listener,
      Optional<HttpVoteExchange> peers) {
    config.http().tls().ifPresent(tls -> files.watch("http.tls", ownFiles(tls),
        () -> listener(tls), listener::reload));
    List<Path> clientFiles = new ArrayList<>(config.http().tls().map(TlsFiles::ownFiles).orElse(List.of()));
    config.detection().peerCaFile().ifPresent(clientFiles::add);
    peers.filter(p -> !clientFiles.isEmpty()).ifPresent(exchange -> files.watch(
        "peer client certificates", clientFiles, () -> peerClient(config), exchange::updateTls));
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
      config.http().tls().ifPresent(tls -> peerClient(config));
    } catch (ReflectiveOperationException | java.security.GeneralSecurityException
        | javax.net.ssl.SSLException | RuntimeException e) {
      // Only a warm-up: the real handshake reports any problem itself.
    }
  }

  private static List<Path> ownFiles(TlsConfig tls) {
    List<Path> files = new ArrayList<>(List.of(tls.certFile(), tls.keyFile()));
    tls.clientCaFile().ifPresent(files::add);
    return files;
  }

  // Parsed first, so a broken bundle is refused here rather than by the next handshake.
  private static byte[] bundle(Path file) {
    PemFiles.certificates(file);
    try {
      return java.nio.file.Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
    }
  }
}
