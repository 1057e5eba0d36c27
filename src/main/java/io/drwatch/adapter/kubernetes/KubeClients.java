package io.drwatch.adapter.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * fabric8 clients, one per API server, all on one small Vert.x instance of their own.
 *
 * <p>Why not the daemon's Vert.x: fabric8 completes a response and decodes its JSON (Jackson, the
 * first time with heavy class loading) on the HTTP client's event loop, which would stall our
 * loops. Its own single event loop keeps that off them; our code only ever calls the blocking DSL
 * from worker threads ({@link KubeCalls}). fabric8's retries are off: {@link KubeCalls} retries, with
 * a bound we own, and every request is bounded by {@code requestTimeout}.
 */
final class KubeClients implements AutoCloseable {
  private final Duration requestTimeout;
  private final Map<KubeTarget, KubernetesClient> clients = new ConcurrentHashMap<>();
  private Vertx io;
  private AwsCredentialsProvider aws;
  private boolean closed;

  KubeClients(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  /** The client for {@code target}, built on first use. Blocking: call it on a worker thread. */
  KubernetesClient client(KubeTarget target) {
    return clients.computeIfAbsent(target, this::build);
  }

  private synchronized KubernetesClient build(KubeTarget target) {
    if (closed) {
      throw new IllegalStateException("kubernetes clients already closed (shutting down)");
    }
    if (io == null) {
      io = newIo();
    }
    int ms = (int) requestTimeout.toMillis();
    ConfigBuilder config = new ConfigBuilder(Config.empty())
        .withMasterUrl(target.url().toString())
        .withTrustCerts(target.insecure())
        .withDisableHostnameVerification(target.insecure())
        .withConnectionTimeout(ms)
        .withRequestTimeout(ms)
        .withRequestRetryBackoffLimit(0);
    target.caFile().ifPresent(config::withCaCertFile);
    tokens(target).ifPresent(config::withOauthTokenProvider);
    return new KubernetesClientBuilder()
        .withConfig(config.build())
        .withHttpClientFactory(new Vertx5HttpClientFactory(io))
        .build();
  }

  /** Made on a fresh thread: Vert.x warns when one is created from another instance's thread. */
  private static Vertx newIo() {
    AtomicReference<Vertx> made = new AtomicReference<>();
    Thread t = new Thread(() -> made.set(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)
        .setWorkerPoolSize(2))), "drwatch-kubernetes-io-init");
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the kubernetes client", e);
    }
    return made.get();
  }

  private java.util.Optional<OAuthTokenProvider> tokens(KubeTarget target) {
    if (target.tokenFile().isPresent()) {
      return java.util.Optional.of(new TokenFile(target.tokenFile().get()));
    }
    return target.eks().map(eks -> new EksToken(eks.cluster(), eks.region(), awsCredentials(), Clock.systemUTC()));
  }

  private AwsCredentialsProvider awsCredentials() {
    if (aws == null) {
      aws = DefaultCredentialsProvider.builder().build();
    }
    return aws;
  }

  @Override
  public synchronized void close() {
    closed = true;
    clients.values().forEach(KubernetesClient::close);
    clients.clear();
    if (io != null) {
      io.close();
      io = null;
    }
    if (aws instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing credentials only releases an HTTP client; nothing to report at shutdown
      }
    }
  }
}
