package io.drwatch.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A throwaway certificate authority and a server certificate it signed, for {@code localhost} and
 * {@code 127.0.0.1}, made with the {@code openssl} command. PEM files in {@code dir}.
 *
 * @param ca the CA certificate, what a client trusts
 * @param cert the server certificate
 * @param key the server's private key (unencrypted)
 */
public record TlsFiles(Path ca, Path cert, Path key) {
    private static final Duration OPENSSL_TIMEOUT = Duration.ofSeconds(60);

    /** A new CA and server certificate in {@code dir} (created if needed), valid for a day. */
    public static TlsFiles create(Path dir, String cn) throws IOException {
        return create(dir, cn, "DNS:localhost,IP:127.0.0.1");
    }

    /** @param san the server certificate's subjectAltName, e.g. {@code DNS:localhost} */
    public static TlsFiles create(Path dir, String cn, String san) throws IOException {
        Files.createDirectories(dir);
        Path ca = dir.resolve("ca.crt");
        Path caKey = dir.resolve("ca.key");
        Path key = dir.resolve("server.key");
        Path csr = dir.resolve("server.csr");
        Path cert = dir.resolve("server.crt");
        Path ext = dir.resolve("san.ext");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=" + cn + " test CA",
                "-keyout", caKey.toString(), "-out", ca.toString());
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", key.toString(),
                "-out", csr.toString());
        Files.writeString(ext, "subjectAltName=" + san + "\n");
        openssl("x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "1", "-extfile", ext.toString(), "-out", cert.toString());
        return new TlsFiles(ca, cert, key);
    }

    private static void openssl(String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Exec.check(cmd, OPENSSL_TIMEOUT);
    }
}
