package io.drwatch.config;

import static io.drwatch.config.ConfigErrorsTest.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** caFile, iamAuth and sslmode on channel endpoints and detection targets. */
class EndpointAuthConfigTest {
  @TempDir
  static Path dir;
  private static Path ca;

  // A real PEM certificate: the loader parses caFile at load.
  @BeforeAll
  static void makeCa() throws Exception {
    ca = dir.resolve("ca.pem");
    Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=test CA", "-keyout", dir.resolve("ca.key").toString(), "-out", ca.toString())
        .redirectErrorStream(true).start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(p.waitFor()).isZero();
  }

  private static String channel(String kind, String primary, String replica) {
    return "channels:\n  - name: db\n    kind: " + kind + "\n    primary: " + primary + "\n    replica: " + replica + "\n";
  }

  @Test
  void shouldReadSslmodeCaFileAndIamAuth() throws Exception {
    DrwatchConfig c = ConfigLoader.parse(channel("postgres",
        "{ url: \"postgresql://drwatch@db.example:5432/app?sslmode=verify-full\", caFile: " + ca
            + ", iamAuth: { region: us-west-2 } }",
        "{ url: \"postgresql://drwatch@db2.example/app?sslmode=verify-ca\", caFile: " + ca + ", password: pw }"),
        n -> null);
    Endpoint primary = c.channels().get(0).primary().orElseThrow();
    assertThat(primary.url()).isEqualTo("postgresql://drwatch@db.example:5432/app?sslmode=verify-full");
    assertThat(primary.caFile()).contains(ca);
    assertThat(primary.iamAuth()).contains(new IamAuth("us-west-2", Optional.empty()));
    assertThat(primary.password()).isEmpty();
    Endpoint replica = c.channels().get(0).replica().orElseThrow();
    assertThat(replica.toString()).contains("password=Optional[***]").doesNotContain("pw,").contains("caFile=");
  }

  @Test
  void shouldReadAnElastiCacheEndpointWithIamAuth() throws Exception {
    DrwatchConfig c = ConfigLoader.parse(channel("redis",
        "{ url: \"rediss://drwatch-monitor@master.sessions.abc.use1.cache.amazonaws.com:6379\","
            + " iamAuth: { region: us-east-1, cacheName: sessions } }",
        "{ url: \"rediss://drwatch-monitor@replica.example:6379\", passwordFile: " + secret() + " }"), n -> null);
    Endpoint primary = c.channels().get(0).primary().orElseThrow();
    assertThat(primary.url()).isEqualTo("rediss://drwatch-monitor@master.sessions.abc.use1.cache.amazonaws.com:6379");
    assertThat(primary.iamAuth()).contains(new IamAuth("us-east-1", Optional.of("sessions")));
  }

  private static Path secret() throws Exception {
    Path f = dir.resolve("redis-password");
    Files.writeString(f, "s3cret\n");
    return f;
  }

  @Test
  void shouldRefuseIamAuthBesidesAPassword() {
    assertThat(errorsOf(channel("postgres",
        "{ url: \"postgresql://u@h/db?sslmode=require\", password: pw, iamAuth: { region: us-west-2 } }",
        "{ url: \"postgresql://u@h2/db?sslmode=require\" }")))
        .containsExactly("channels[0].primary.iamAuth: give password or iamAuth, not both (iamAuth signs a token"
            + " in place of a password)");
  }

  @Test
  void shouldRefuseIamAuthWithoutTls() {
    assertThat(errorsOf(channel("postgres",
        "{ url: \"postgresql://u@h/db\", iamAuth: { region: us-west-2 } }",
        "{ url: \"redis://h:1\" }").replace("kind: postgres", "kind: postgres")))
        .contains("channels[0].primary.iamAuth: the token must not cross the network in clear: the url needs"
            + " sslmode=require, verify-ca or verify-full (it is prefer)");
    assertThat(errorsOf(channel("redis",
        "{ url: \"redis://u@h:6379\", iamAuth: { region: us-west-2, cacheName: g } }",
        "{ url: \"rediss://h:6379\", iamAuth: { region: us-west-2 } }")))
        .containsExactly(
            "channels[0].primary.iamAuth: ElastiCache IAM auth needs in-transit encryption: a rediss:// url",
            "channels[0].replica.iamAuth: ElastiCache IAM auth needs the user id in the url:"
                + " rediss://user-id@host:port",
            "channels[0].replica.iamAuth.cacheName: required with iamAuth on redis: the replication group (or"
                + " serverless cache) the token is signed for");
  }

  @Test
  void shouldRefuseACaFileThatIsNoCertificateOrHasNoTls() throws Exception {
    Path notPem = dir.resolve("key.txt");
    Files.writeString(notPem, "not a certificate\n");
    assertThat(errorsOf(channel("redis",
        "{ url: \"rediss://h:6379\", caFile: " + notPem + " }",
        "{ url: \"redis://h2:6379\", caFile: " + ca + " }")))
        .containsExactly(
            "channels[0].primary.caFile: must name a readable PEM file of CA certificates: not a PEM certificate"
                + " bundle, was \"" + notPem + "\"",
            "channels[0].replica.caFile: needs a TLS connection: rediss://, https://, or a postgresql url without"
                + " sslmode=disable");
  }

  @Test
  void shouldTakeCaFileAndIamAuthOnDatabaseTargetsOnly() throws Exception {
    DrwatchConfig c = ConfigLoader.parse("""
        channels:
          - name: orders
            kind: postgres
            primary: { url: "postgresql://u@h/db" }
            replica: { url: "postgresql://u@h2/db" }
        detection:
          targets:
            - name: orders-primary
              probe: postgres
              address: "postgresql://drwatch@db.example/app?sslmode=verify-full"
              caFile: %s
              iamAuth: { region: eu-west-1 }
        """.formatted(ca), n -> null);
    TargetConfig t = c.detection().targets().get(0);
    assertThat(t.endpoint().caFile()).contains(ca);
    assertThat(t.endpoint().iamAuth()).contains(new IamAuth("eu-west-1", Optional.empty()));
    assertThat(errorsOf("""
        channels:
          - name: orders
            kind: postgres
            primary: { url: "postgresql://u@h/db" }
            replica: { url: "postgresql://u@h2/db" }
        detection:
          targets:
            - name: web
              probe: http
              address: "https://web.example/health"
              caFile: %s
        """.formatted(ca))).containsExactly("detection.targets[0].caFile: only allowed for probe postgres or redis,"
        + " this target is http");
  }
}
