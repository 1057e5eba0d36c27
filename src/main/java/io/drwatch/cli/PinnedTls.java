package io.drwatch.cli;

import io.drwatch.config.PemFiles;
import io.drwatch.config.TlsConfig;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust for talking to our own daemon over its HTTPS listener: exactly the certificate in {@code
 * http.tls.certFile}, whatever name it was issued for (the CLI reaches the daemon on loopback).
 * Pinning the one certificate is stricter than any CA: nothing else passes.
 */
final class PinnedTls {
  private PinnedTls() {}

  static SSLContext context(TlsConfig tls) throws GeneralSecurityException {
    X509Certificate own = PemFiles.certificates(tls.certFile()).get(0);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new Pinned(own)}, null);
    return context;
  }

  private static final class Pinned extends X509ExtendedTrustManager {
    private final X509Certificate own;

    Pinned(X509Certificate own) {
      this.own = own;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
      if (chain == null || chain.length == 0 || !own.equals(chain[0])) {
        throw new CertificateException("the daemon's certificate is not the one in http.tls.certFile"
            + " (rotated since this command read it? run it again)");
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("a client trusts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a client trusts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a client trusts no clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[] {own};
    }
  }
}
