package io.drwatch.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.aws.AwsFutures;
import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsRequestCounts;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.support.Retry;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.aws.cloudwatch.MetricQuery;
import io.drwatch.adapter.aws.cloudwatch.QueryProtocolProxy;
import io.drwatch.adapter.http.HttpApi;
import io.drwatch.adapter.metrics.AwsMetrics;
import io.drwatch.app.decide.DetectionBoard;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.port.AwsUsage;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.MotoServer;
import io.drwatch.testkit.NoBlockedThreadsExtension;
import io.drwatch.testkit.TestVertx;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * drwatch_aws_requests_total and the status's "aws" object, wired as the daemon wires them:
 * real SDK calls to moto through a proxy that turns some into throttling, 5xx, 4xx and a hang.
 */
class AwsUsageTest {
  private static final String NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
  private static Vertx vertx;
  private static MotoServer moto;
  private static QueryProtocolProxy proxy;

  @BeforeAll
  @NoBlockedThreadsExtension.WarmUp
  static void start() throws Exception {
    vertx = TestVertx.create();
    moto = MotoServer.start();
    proxy = new QueryProtocolProxy(moto.endpoint());
    // Warm-up outside the test: the first request through vertx-web loads its classes on the loop.
    HttpServer server = serve(AwsUsage.NONE, "");
    getStatus(server);
    server.close().await(5, TimeUnit.SECONDS);
  }

  private static HttpServer serve(AwsUsage usage, String scrape) throws Exception {
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(scrape.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return vertx.createHttpServer().requestHandler(HttpApi.router(vertx, new StatusBoard(List.of()),
        new DetectionBoard(), bytes::duplicate, "test", usage, () -> null)).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static JsonObject getStatus(HttpServer server) throws Exception {
    HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.actualPort() + "/api/v1/status")).build(),
        HttpResponse.BodyHandlers.ofString());
    return new JsonObject(status.body());
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    moto.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void everyCallIsCountedByOutcomeAndExportedWithTheCostEstimate() throws Exception {
    // The SDK does not report a call timeout to interceptors: a call unreported 3 s + 2 s grace later is an io_error.
    AwsRequestCounts counts = new AwsRequestCounts(Duration.ofSeconds(3));
    AwsSettings quick = new AwsSettings(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3), 10, 1);
    AwsClients aws = AwsClients.create(quick, StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
        counts);
    CloudWatchReaders readers = new CloudWatchReaders(vertx, () -> aws, Duration.ofMinutes(1), 5, Clock.systemUTC());
    AtomicInteger n = new AtomicInteger();
    // Call 1 throttled, 2 a 503, 3 a 400, 4 hangs past the call timeout, then moto answers.
    proxy.intercept(f -> switch (n.incrementAndGet()) {
      case 1 -> QueryProtocolProxy.error(400, NS, "Throttling", "Rate exceeded");
      case 2 -> QueryProtocolProxy.error(503, NS, "ServiceUnavailable", "drill");
      case 3 -> QueryProtocolProxy.error(400, NS, "InvalidParameterValue", "bad");
      case 4 -> hang();
      default -> null;
    });
    try (CloudWatchAsyncClient cw = aws.configure(CloudWatchAsyncClient.builder(),
        new AwsEndpoint("us-east-1", Optional.of(proxy.endpoint()))).build()) {
      Retry call = Retry.of("cloudwatch ListMetrics").attempts(1);
      for (int i = 0; i < 5; i++) {
        AwsFutures.retried(call, vertx.getOrCreateContext(), () -> cw.listMetrics(r -> r.namespace("AWS/RDS")))
            .toCompletionStage().toCompletableFuture().handle((r, e) -> r).get(20, TimeUnit.SECONDS);
      }
      for (int i = 0; i < 3; i++) {
        readers.reader(new AwsEndpoint("us-east-1", Optional.of(proxy.endpoint())))
            .register(MetricQuery.maxPerMinute("AWS/RDS", "ReplicaLag", Map.of("DBInstanceIdentifier", "db-" + i)));
      }
      AwsUsageView usage = new AwsUsageView(counts, readers);
      Await.until(Duration.ofSeconds(15), () -> usage.count("cloudwatch", "ListMetrics", "io_error") == 1);
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      AwsMetrics metrics = new AwsMetrics(usage);
      metrics.bindTo(registry);
      String scrape = registry.scrape();
      for (String outcome : List.of("throttled", "server_error", "client_error", "io_error", "success")) {
        assertThat(scrape).contains("drwatch_aws_requests_total{operation=\"ListMetrics\",outcome=\"" + outcome
            + "\",service=\"cloudwatch\"} 1.0");
      }
      assertThat(usage.cloudWatchMetricsPerMonth()).isEqualTo(3L * 43_200);

      HttpServer server = serve(usage, scrape);
      try {
        JsonObject awsJson = getStatus(server).getJsonObject("aws");
        assertThat(awsJson.getLong("cloudwatchMetricsPerMonth")).isEqualTo(129_600L);
        assertThat(awsJson.getDouble("cloudwatchCostPerMonthUsd")).isEqualTo(1.30);
        assertThat(awsJson.getJsonObject("requests").getLong("throttled")).isEqualTo(1L);
      } finally {
        server.close();
      }
    } finally {
      readers.close();
      aws.close();
    }
  }

  private static QueryProtocolProxy.Canned hang() {
    try {
      Thread.sleep(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return QueryProtocolProxy.error(500, NS, "TooLate", "too late");
  }
}
