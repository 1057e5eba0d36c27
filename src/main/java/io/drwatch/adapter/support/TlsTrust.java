package io.drwatch.adapter.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContextBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What a server certificate is checked against: the endpoint's {@code caFile} (a PEM bundle such
 * as RDS's {@code global-bundle.pem}), else the JVM's default trust store. It remembers the last
 * certificate it refused, because the PostgreSQL client reports a failed handshake only as "SSL
 * handshake failed" and drops the reason.
 */
public final class TlsTrust {
  private static volatile boolean warm;
  private static final java.util.concurrent.ConcurrentMap<Path, TlsTrust> LOADED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Remembering manager;
  private final TrustOptions options;

  private TlsTrust(X509ExtendedTrustManager delegate) {
    this.manager = new Remembering(delegate);
    this.options = TrustOptions.wrap(manager);
  }

  /**
   * The trust of a CA file named in step params, loaded on a worker thread once per path and
   * shared by every later call (a step's params are read on each call, on an event loop).
   */
  public static Future<Optional<TlsTrust>> shared(Vertx vertx, Optional<Path> caFile) {
    if (caFile.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    Path path = caFile.get().toAbsolutePath().normalize();
    TlsTrust known = LOADED.get(path);
    if (known != null) {
      return Future.succeededFuture(Optional.of(known));
    }
    return warmed(vertx).compose(v -> vertx.executeBlocking(
        () -> Optional.of(LOADED.computeIfAbsent(path, p -> of(Optional.of(p)))), false));
  }

  /**
   * Loads {@code caFile} now (at start, on the caller's thread), else the JVM's trust store.
   *
   * @throws IllegalArgumentException when the file holds no certificate or cannot be read
   */
  public static TlsTrust of(Optional<Path> caFile) {
    try {
      KeyStore store = null;
      if (caFile.isPresent()) {
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        try (InputStream in = Files.newInputStream(caFile.get())) {
          for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            store.setCertificateEntry("ca-" + i++, c);
          }
        }
        if (i == 0) {
          throw new IllegalArgumentException("caFile " + caFile.get() + " holds no certificate");
        }
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager tm : factory.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x509) {
          return new TlsTrust(x509);
        }
      }
      throw new IllegalStateException("the JVM offers no X509 trust manager");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("caFile " + caFile.map(Path::toString).orElse("(JVM trust store)")
          + " cannot be loaded: " + e, e);
    }
  }

  /** The same instance every time, so that Vert.x reuses one SSL context for it. */
  public TrustOptions options() {
    return options;
  }

  /** The certificate problem of the last handshake, if it failed on the certificate. */
  public Optional<CertificateException> lastRejection() {
    return Optional.ofNullable(manager.rejected);
  }

  /**
   * Loads and initialises the JDK's TLS and Netty's SSL classes once per JVM on a worker thread,
   * so that the first handshake does not block an event loop for hundreds of milliseconds.
   */
  public static Future<Void> warmed(Vertx vertx) {
    if (warm) {
      return Future.succeededFuture();
    }
    // Per call, not one shared future: that one would belong to the first Vert.x, maybe closed since.
    return vertx.executeBlocking(() -> {
      warmOnce();
      return null;
    }, false).<Void>mapEmpty().otherwiseEmpty();
  }

  private static synchronized void warmOnce() throws Exception {
    if (!warm) {
      warmUp();
      warm = true;
    }
  }

  private static void warmUp() throws Exception {
    SSLEngine engine = SslContextBuilder.forClient().build().newEngine(ByteBufAllocator.DEFAULT, "localhost", 443);
    engine.beginHandshake();
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(java.nio.ByteBuffer.allocate(0), out); // the ClientHello: key shares, signature schemes
    ByteBuf unused = ByteBufAllocator.DEFAULT.buffer(1);
    unused.release();
    of(Optional.empty());
    CertificateFactory.getInstance("X.509");
    java.security.cert.CertPathBuilder.getInstance("PKIX");
  }

  /** Delegates every check and keeps the last refusal; a passed check clears it. */
  private static final class Remembering extends DelegatingTrustManager {
    private final X509ExtendedTrustManager delegate;
    private volatile CertificateException rejected;

    Remembering(X509ExtendedTrustManager delegate) {
      this.delegate = delegate;
    }

    @Override
    protected X509ExtendedTrustManager delegate() {
      return delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      try {
        delegate.checkServerTrusted(chain, authType, engine);
        rejected = null;
      } catch (CertificateException e) {
        rejected = e;
        throw e;
      }
    }
  }
}
