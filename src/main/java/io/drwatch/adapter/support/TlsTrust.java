package io.drwatch.adapter.support;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a server certificate is checked against: the endpoint's {@code caFile} (a PEM bundle such
 * as RDS's {@code global-bundle.pem}), else the JVM's default trust store.
 */
public final class TlsTrust {
  private TlsTrust() {}

  public static TrustOptions of(Optional<Path> caFile) {
    return caFile.<TrustOptions>map(f -> new PemTrustOptions().addCertPath(f.toString())).orElseGet(JvmTrust::get);
  }

  /** The JVM's default trust store, loaded once, on first use. */
  private static final class JvmTrust {
    private static final TrustOptions OPTIONS = load();

    static TrustOptions get() {
      return OPTIONS;
    }

    private static TrustOptions load() {
      try {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return TrustOptions.wrap(factory);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JVM's default trust store cannot be loaded: " + e, e);
      }
    }
  }
}
