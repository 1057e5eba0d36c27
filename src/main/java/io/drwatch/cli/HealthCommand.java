package io.drwatch.cli;

import io.drwatch.config.DrwatchConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Asks a running daemon whether it is alive (or ready), for a container HEALTHCHECK or a script:
 * exit 0 on a 2xx answer, 1 on anything else, including no answer. Plain Java HTTP, no Vert.x, so
 * that a check every 30 s costs little more than the JVM's start.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
    description = "Ask the local daemon's HTTP listener for /healthz (or /readyz); exit 0 if it answers 2xx, else 1.")
final class HealthCommand implements Callable<Integer> {
  static final String DEFAULT_URL = "http://127.0.0.1:9464";

  @Option(names = "--url", paramLabel = "URL",
      description = "The daemon's listener, http or https. Default: " + DEFAULT_URL + ", or http.host/port of --config")
  URI url;

  @Option(names = "--config", paramLabel = "FILE", description = "Take the listener's address from this config")
  Path config;

  @Option(names = "--ready", description = "Ask /readyz (every channel probed once) instead of /healthz")
  boolean ready;

  @Option(names = "--path", paramLabel = "PATH",
      description = "Ask this path instead, e.g. /api/v1/health/standby-ready")
  String path;

  @Option(names = "--cacert", paramLabel = "FILE", description = "PEM CA bundle that signed the daemon's certificate (https)")
  Path caCert;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
      description = "Give up after this long. Default: ${DEFAULT-VALUE}")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    Optional<URI> base = base();
    if (base.isEmpty()) {
      return 1;
    }
    URI target = base.get().resolve(path != null ? path : ready ? "/readyz" : "/healthz");
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(timeout);
    if (caCert != null) {
      client.sslContext(trusting(caCert));
    }
    HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout).GET().build();
    HttpResponse<String> resp;
    try {
      resp = client.build().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      System.err.println("drwatch health: nothing answers at " + target + " (connection refused):"
          + " is the daemon running, and listening on that address?");
      return 1;
    } catch (HttpTimeoutException e) {
      System.err.println("drwatch health: " + target + " did not answer within " + timeout.toMillis() + " ms");
      return 1;
    } catch (IOException e) {
      System.err.println("drwatch health: " + target + ": " + e);
      return 1;
    }
    boolean ok = resp.statusCode() / 100 == 2;
    (ok ? System.out : System.err).println((ok ? "" : "drwatch health: ") + target + " answered "
        + resp.statusCode() + ": " + resp.body().strip());
    return ok ? 0 : 1;
  }

  private Optional<URI> base() throws IOException {
    if (url != null || config == null) {
      return Optional.of(url != null ? url : URI.create(DEFAULT_URL));
    }
    Optional<DrwatchConfig> cfg = CheckConfigCommand.loadValid(config);
    return cfg.map(c -> {
      String host = c.http().host().equals("0.0.0.0") ? "127.0.0.1" : c.http().host();
      return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + c.http().port());
    });
  }

  private static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      if (i == 0) {
        throw new IOException(pem + " holds no PEM certificate");
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }
}
