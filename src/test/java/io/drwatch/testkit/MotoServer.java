package io.drwatch.testkit;

import io.drwatch.lab.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real moto server (Python; the AWS fake) on a free loopback port, for SQS and EventBridge
 * tests. Started with {@code -m moto.server} by the interpreter in {@code DRWATCH_PYTHON}, else the
 * first of {@code python3} on the PATH, pyenv's {@code python3} and scripts/install-deps.sh's tools
 * venv that has moto (the machine image ships moto in its pyenv Python, not in Debian's); none:
 * {@link Tools#require}. Ready when {@code GET /moto-api/} answers.
 * Stopped by its own process handle.
 */
public final class MotoServer implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private MotoServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  public static MotoServer start() throws IOException {
    String python = python();
    Tools.require(hasMoto(python), "moto for " + python + " (the AWS fake; DRWATCH_PYTHON picks another interpreter)",
        "PyPI package moto[server]==5.2.1");
    int port = FreePorts.pick();
    Path log = Files.createTempFile("moto-" + port + "-", ".log");
    Process process = new ProcessBuilder(List.of(python, "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port)))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    MotoServer moto = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
    try {
      moto.awaitReady();
    } catch (RuntimeException | Error e) {
      moto.close();
      throw e;
    }
    return moto;
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ping = HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).build();
    Await.until(READY_TIMEOUT, "moto server on " + endpoint + " (log: " + log + ")", () -> {
      if (!process.isAlive()) {
        throw new AssertionError("moto server exited with " + process.exitValue()
            + " (is moto[server] installed for " + python() + "? set DRWATCH_PYTHON): " + tail());
      }
      return http.send(ping, BodyHandlers.discarding()).statusCode() == 200;
    });
  }

  private static String python() {
    String explicit = System.getenv("DRWATCH_PYTHON");
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    String pyenvRoot = System.getenv().getOrDefault("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv");
    List<String> candidates = List.of("python3", pyenvRoot + "/shims/python3",
        Tools.PYTHON_TOOLS.resolve("bin/python").toString());
    return candidates.stream().filter(MotoServer::hasMoto).findFirst().orElse("python3");
  }

  private static boolean hasMoto(String python) {
    try {
      Process p = new ProcessBuilder(python, "-c",
          "import importlib.util, sys; sys.exit(importlib.util.find_spec('moto') is None)")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Base URL for {@code endpointOverride}. */
  public URI endpoint() {
    return endpoint;
  }

  private String tail() {
    try {
      String all = Files.readString(log, StandardCharsets.UTF_8);
      return all.substring(Math.max(0, all.length() - 2000));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a temp file; not worth failing a teardown over
    }
  }
}
