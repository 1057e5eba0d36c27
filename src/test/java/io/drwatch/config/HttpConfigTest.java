package io.drwatch.config;

import static io.drwatch.config.ConfigErrorsTest.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.http.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code http}: TLS files checked at load, limits, the read token, and nothing printed. */
class HttpConfigTest {
  private static final String CHANNEL = """
      channels:
        - { name: a, kind: redis, primary: { url: "redis://127.0.0.1:1" }, replica: { url: "redis://127.0.0.1:2" } }
      """;

  @TempDir
  Path dir;
  private TestPki pki;
  private TestPki.Leaf server;

  @BeforeEach
  void setUp() throws Exception {
    pki = TestPki.create(dir, "cfg");
    server = pki.leaf("server");
  }

  private static HttpConfig http(String yaml) throws ConfigException {
    return ConfigLoader.parse(yaml + CHANNEL, Map.<String, String>of()::get).http();
  }

  private String tls(Path cert, Path key, String more) {
    return "http:\n  tls: { certFile: \"" + cert + "\", keyFile: \"" + key + "\"" + more + " }\n";
  }

  @Test
  void shouldReadTlsFilesAndDefaults() throws Exception {
    HttpConfig http = http(tls(server.cert(), server.key(), ", clientCaFile: \"" + pki.caFile() + "\""));

    assertThat(http.tls()).contains(new TlsConfig(server.cert(), server.key(), Optional.of(pki.caFile()),
        Duration.ofSeconds(10)));
    assertThat(http.limits()).isEqualTo(HttpConfig.Limits.DEFAULTS);
    assertThat(http.readToken()).isEmpty();
    assertThat(http("").tls()).isEmpty();
  }

  @Test
  void shouldNameTheKeyAndTheProblemOfBrokenTlsFiles() throws Exception {
    Path notPem = Files.writeString(dir.resolve("not.pem"), "hello\n");
    Path missing = dir.resolve("missing.crt");
    TestPki.Leaf other = pki.leaf("other");
    Path encrypted = dir.resolve("encrypted.key");
    TestPki.run(dir, List.of("openssl", "pkcs8", "-topk8", "-in", server.key().toString(), "-out",
        encrypted.toString(), "-passout", "pass:pw"));

    assertThat(errorsOf(tls(missing, server.key(), "") + CHANNEL))
        .containsExactly("http.tls.certFile: " + missing + ": no such file");
    assertThat(errorsOf(tls(notPem, server.key(), "") + CHANNEL))
        .containsExactly("http.tls.certFile: " + notPem + ": no PEM certificate (-----BEGIN CERTIFICATE-----)");
    assertThat(errorsOf(tls(server.cert(), notPem, "") + CHANNEL))
        .containsExactly("http.tls.keyFile: " + notPem + ": no PEM private key (-----BEGIN PRIVATE KEY-----)");
    assertThat(errorsOf(tls(server.cert(), other.key(), "") + CHANNEL))
        .containsExactly("http.tls.keyFile: " + other.key() + " is not the private key of the certificate in "
            + server.cert());
    assertThat(errorsOf(tls(server.cert(), encrypted, "") + CHANNEL))
        .containsExactly("http.tls.keyFile: " + encrypted + ": the private key is encrypted; drwatch needs"
            + " it unencrypted (file permissions protect it)");
    assertThat(errorsOf(tls(server.cert(), server.key(), ", clientCaFile: \"" + server.key() + "\"") + CHANNEL))
        .containsExactly("http.tls.clientCaFile: " + server.key() + ": holds a PRIVATE KEY where only"
            + " CERTIFICATE blocks belong");
    assertThat(errorsOf("http: { tls: { certFile: \"" + server.cert() + "\", cert: x } }\n" + CHANNEL))
        .containsExactly(
            "http.tls.cert: unknown key (allowed: certFile, keyFile, clientCaFile, checkEvery)",
            "http.tls.keyFile: required");
    assertThat(errorsOf("detection: { peerCaFile: \"" + notPem + "\" }\n" + CHANNEL))
        .containsExactly("detection.peerCaFile: " + notPem + ": no PEM certificate (-----BEGIN CERTIFICATE-----)");
  }

  @Test
  void shouldAcceptAPkcs1RsaKey() throws Exception {
    Path key = dir.resolve("rsa.key");
    Path cert = dir.resolve("rsa.crt");
    TestPki.run(dir, List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
        key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=rsa"));
    Path pkcs1 = dir.resolve("rsa1.key");
    TestPki.run(dir, List.of("openssl", "rsa", "-in", key.toString(), "-out", pkcs1.toString(), "-traditional"));
    assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

    assertThat(http(tls(cert, pkcs1, "")).tls()).isPresent();
  }

  @Test
  void shouldReadLimitsAndRefuseOutOfRange() throws Exception {
    HttpConfig http = http("http: { idleTimeout: 5s, maxConnections: 10, maxInitialLineLength: 2048,"
        + " maxHeaderSize: 4096 }\n");

    assertThat(http.limits()).isEqualTo(new HttpConfig.Limits(Duration.ofSeconds(5), 10, 2048, 4096));
    assertThat(errorsOf("http: { idleTimeout: 0s, maxConnections: 0, maxInitialLineLength: 10,"
        + " maxHeaderSize: 99 }\n" + CHANNEL))
        .containsExactly(
            "http.idleTimeout: must be > 0, was 0s",
            "http.maxConnections: must be 1..1000000, was 0",
            "http.maxInitialLineLength: must be 256..1048576, was 10",
            "http.maxHeaderSize: must be 1024..1048576, was 99");
  }

  @Test
  void shouldReadTheReadTokenFromAFileAndNeverPrintIt() throws Exception {
    Path file = Files.writeString(dir.resolve("read"), "read-s3cret\n");

    HttpConfig http = http("http: { readTokenFile: \"" + file + "\" }\n");

    assertThat(http.readToken().orElseThrow().value()).isEqualTo("read-s3cret");
    assertThat(http.toString()).contains("readToken=Optional[***]").doesNotContain("read-s3cret");
    assertThat(errorsOf("http: { readToken: a, readTokenFile: \"" + file + "\" }\n" + CHANNEL))
        .containsExactly("http.readTokenFile: give readToken or readTokenFile, not both");
  }
}
