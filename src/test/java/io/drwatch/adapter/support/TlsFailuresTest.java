package io.drwatch.adapter.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** TLS failures worded by the type of what the JDK threw, and only those. */
class TlsFailuresTest {
  private static Throwable handshake(Throwable cause) {
    SSLHandshakeException e = new SSLHandshakeException("handshake failed");
    e.initCause(cause);
    return new RuntimeException("connect failed", e);
  }

  @Test
  void shouldNameAnUntrustedChain() {
    CertificateException validator = new CertificateException("PKIX path building failed",
        new CertPathBuilderException("unable to find valid certification path to requested target"));
    CodedFailure f = TlsFailures.coded(handshake(validator)).orElseThrow();
    assertThat(f.code()).isEqualTo(FailureCode.TLS);
    assertThat(f.getMessage()).isEqualTo("TLS: certificate not trusted (PKIX path building failed)");
  }

  @Test
  void shouldNameAHostNameMismatchAndAnExpiredCertificate() {
    assertThat(TlsFailures.coded(handshake(new CertificateException("No name matching db.example found")))
        .orElseThrow().getMessage()).isEqualTo("TLS: host name mismatch (No name matching db.example found)");
    assertThat(TlsFailures.coded(handshake(new CertificateExpiredException("NotAfter: Mon Dec 01")))
        .orElseThrow().getMessage()).startsWith("TLS: certificate expired");
  }

  @Test
  void shouldLeaveOtherFailuresAlone() {
    assertThat(TlsFailures.coded(new IOException("Connection refused"))).isEmpty();
    assertThat(TlsFailures.coded(CodedFailure.of(FailureCode.AUTH, "denied"))).isEmpty();
    assertThat(TlsFailures.coded(handshake(null)).orElseThrow().getMessage()).startsWith("TLS: handshake failed");
  }
}
