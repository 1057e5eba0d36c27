package io.drwatch.adapter.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway CA made with the {@code openssl} CLI, and leaf certificates it signs for loopback
 * ({@code localhost}, {@code 127.0.0.1}), usable as server and client certificates. EC P-256 keys,
 * so that making one costs milliseconds; OpenSSL 3 writes them as PKCS#8 {@code PRIVATE KEY}.
 */
public final class TestPki {
  private final Path dir;
  private final String name;

  private TestPki(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  /** A certificate and its key, as files. */
  public record Leaf(Path cert, Path key) {}

  /** A new CA under {@code dir}, its files named after {@code name}. */
  public static TestPki create(Path dir, String name) throws Exception {
    TestPki pki = new TestPki(dir, name);
    openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", name + "-ca.key", "-out", name + "-ca.crt", "-days", "2", "-subj", "/CN=" + name + " test CA");
    return pki;
  }

  public Path caFile() {
    return dir.resolve(name + "-ca.crt");
  }

  /** A leaf for loopback, signed by this CA; a second call for the same name replaces the files. */
  public Leaf leaf(String leaf) throws Exception {
    Path ext = Files.writeString(dir.resolve(leaf + ".ext"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n");
    openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", leaf + ".key.new", "-out", leaf + ".csr", "-subj", "/CN=" + leaf);
    openssl(dir, "x509", "-req", "-in", leaf + ".csr", "-CA", caFile().toString(), "-CAkey",
        dir.resolve(name + "-ca.key").toString(), "-CAcreateserial", "-out", leaf + ".crt.new", "-days", "2",
        "-extfile", ext.toString());
    // Renamed into place, as cert-manager swaps a secret's files: a reader never sees half a file.
    Files.move(dir.resolve(leaf + ".key.new"), dir.resolve(leaf + ".key"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    Files.move(dir.resolve(leaf + ".crt.new"), dir.resolve(leaf + ".crt"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return new Leaf(dir.resolve(leaf + ".crt"), dir.resolve(leaf + ".key"));
  }

  /** The SHA-256 fingerprint openssl reports for a certificate file, e.g. {@code AB:CD:...}. */
  public static String fingerprint(Path cert) throws Exception {
    String out = openssl(cert.getParent(), "x509", "-in", cert.toString(), "-noout", "-fingerprint", "-sha256");
    return out.substring(out.indexOf('=') + 1).strip();
  }

  static String openssl(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    return run(dir, cmd);
  }

  /** Runs a command in {@code dir}; its output, or an exception with it if it failed. */
  public static String run(Path dir, List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " did not finish in 30 s");
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out);
    }
    return out;
  }

  /** Runs a command and returns its exit code and output, failing or not. */
  public static Result attempt(Path dir, List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " did not finish in 30 s");
    }
    return new Result(p.exitValue(), out);
  }

  /** A command's exit code and combined output. */
  public record Result(int exit, String output) {}
}
