package io.drwatch.bootstrap;

import io.drwatch.adapter.support.DelegatingTrustManager;
import io.drwatch.config.PemFiles;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Key and trust managers whose contents can be swapped while the TLS contexts built on them stay.
 * The JDK asks them on every handshake, so a rotated certificate is served from the next one, and
 * nothing is rebuilt on an event loop: the new managers are built from the PEM files on a worker
 * ({@link #keys}, {@link #trust}), and the swap is a volatile write.
 */
final class LiveTls {
  private LiveTls() {}

  /** The key manager of a certificate chain and its key, built from PEM (blocking). */
  static X509ExtendedKeyManager keys(Path certFile, Path keyFile) {
    PemFiles.KeyPair pair = PemFiles.keyPair(certFile, keyFile);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] none = new char[0];
      store.setKeyEntry("drwatch", pair.key(), none, pair.chain().toArray(new X509Certificate[0]));
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, none);
      return (X509ExtendedKeyManager) factory.getKeyManagers()[0];
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException(certFile + ": cannot be used as a TLS key pair (" + e + ")");
    }
  }

  /** The trust manager of a PEM CA bundle (blocking). */
  static X509ExtendedTrustManager trust(Path caFile) {
    List<X509Certificate> cas = PemFiles.certificates(caFile);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException(caFile + ": cannot be used as trusted CAs (" + e + ")");
    }
  }

  /** A key manager that delegates to whichever one was set last in {@code live}. */
  static final class Keys extends X509ExtendedKeyManager {
    final AtomicReference<X509ExtendedKeyManager> live;

    Keys(X509ExtendedKeyManager first) {
      live = new AtomicReference<>(first);
    }

    private X509ExtendedKeyManager current() {
      return live.get();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return current().getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return current().chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return current().chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return current().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return current().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return current().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return current().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return current().getPrivateKey(alias);
    }
  }

  /** A trust manager that delegates to whichever one was set last in {@code live}, host-name checks included. */
  static final class Trust extends DelegatingTrustManager {
    final AtomicReference<X509ExtendedTrustManager> live;

    Trust(X509ExtendedTrustManager first) {
      live = new AtomicReference<>(first);
    }

    @Override
    protected X509ExtendedTrustManager delegate() {
      return live.get();
    }
  }
}
