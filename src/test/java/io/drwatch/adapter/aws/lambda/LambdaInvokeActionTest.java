package io.drwatch.adapter.aws.lambda;

import io.drwatch.adapter.aws.StepClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.MotoServer;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** lambda-invoke against a real moto server (Lambda with Docker off: invoke echoes the payload). */
class LambdaInvokeActionTest {
  private static final String REGION = "us-east-1";

  private static Vertx vertx;
  private static MotoServer moto;
  private static AwsClients aws;
  private static LambdaInvokeAction action;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    moto = MotoServer.start();
    aws = AwsClients.create(AwsSettings.DEFAULT,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    HttpClient http = HttpClient.newHttpClient();
    int status = http.send(HttpRequest.newBuilder(moto.endpoint().resolve("/moto-api/config"))
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString("{\"lambda\":{\"use_docker\":false}}")).build(),
        BodyHandlers.discarding()).statusCode();
    assertThat(status).isBetween(200, 299);
    // moto checks that the function's role exists: create it with IAM's query protocol (no IAM SDK module).
    String trust = URLEncoder.encode("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}", StandardCharsets.UTF_8);
    HttpResponse<String> role = http.send(HttpRequest.newBuilder(moto.endpoint())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20261125/us-east-1/iam/aws4_request, "
            + "SignedHeaders=host, Signature=0")
        .POST(BodyPublishers.ofString("Action=CreateRole&Version=2010-05-08&RoleName=drwatch-hook"
            + "&AssumeRolePolicyDocument=" + trust)).build(), BodyHandlers.ofString());
    assertThat(role.statusCode()).as(role.body()).isEqualTo(200);
    byte[] code = zip("index.py", "def handler(event, context):\n    return event\n");
    try (LambdaAsyncClient lambda = aws.configure(LambdaAsyncClient.builder(),
        new AwsEndpoint(REGION, Optional.of(moto.endpoint()))).build()) {
      lambda.createFunction(r -> r.functionName("drwatch-hook")
          .runtime(Runtime.PYTHON3_12)
          .role("arn:aws:iam::123456789012:role/drwatch-hook")
          .handler("index.handler")
          .code(c -> c.zipFile(SdkBytes.fromByteArray(code))))
          .get(20, TimeUnit.SECONDS);
    }
    action = new LambdaInvokeAction(vertx, StepClients.built(() -> aws, LambdaAsyncClient::builder));
  }

  @AfterAll
  static void stop() throws Exception {
    if (action != null) {
      action.close();
    }
    if (aws != null) {
      aws.close();
    }
    if (moto != null) {
      moto.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static byte[] zip(String name, String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(text.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static Step step(Map<String, String> extra) {
    Map<String, String> params = new java.util.HashMap<>(Map.of(
        "region", REGION, "endpointOverride", moto.endpoint().toString()));
    params.putAll(extra);
    return new Step("notify", params, true);
  }

  /** Runs {@code call} on a fresh event-loop context; fails unless its result arrives on that context. */
  private static <T> T onContext(Supplier<Future<T>> call) throws Exception {
    Context context = vertx.getOrCreateContext();
    AtomicReference<Context> seen = new AtomicReference<>();
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(ar -> {
      seen.set(Vertx.currentContext());
      done.handle(ar);
    }));
    try {
      return done.future().await(30, TimeUnit.SECONDS);
    } finally {
      assertThat(seen.get()).as("the SDK result comes back on the caller's context").isSameAs(context);
    }
  }

  @Test
  void shouldInvokeTheFunctionAndGetItsEchoedPayload() throws Exception {
    String echoed = onContext(() -> action.result(step(Map.of("function", "drwatch-hook",
        "payload", "{\"reason\":\"region down\"}"))));
    assertThat(new JsonObject(echoed).getString("reason")).isEqualTo("region down");

    String defaulted = onContext(() -> action.result(step(Map.of("function", "drwatch-hook"))));
    assertThat(new JsonObject(defaulted))
        .isEqualTo(new JsonObject().put("step", "notify").put("drill", true).put("epoch", 0));

    Step step = step(Map.of("function", "drwatch-hook"));
    assertThat(onContext(() -> action.check(step))).isFalse();
    onContext(() -> action.apply(step));
    onContext(() -> action.await(step));
  }

  /**
   * With Docker off moto echoes any invocation, existing function or not; a second moto server with
   * its default config looks the function up first and answers ResourceNotFoundException.
   */
  @Test
  void shouldFailClearlyWhenTheFunctionDoesNotExist() throws Exception {
    try (MotoServer plain = MotoServer.start()) {
      Step step = new Step("notify", Map.of("function", "no-such-function", "region", REGION,
          "endpointOverride", plain.endpoint().toString()), false);
      assertThatThrownBy(() -> onContext(() -> action.apply(step)))
          .hasMessageStartingWith("lambda-invoke no-such-function: Function not found")
          .hasMessageContaining("function:no-such-function");
    }
  }

  /** moto echoes the payload as it arrived: the function sees the lease's epoch. */
  @Test
  void shouldPutTheFencingEpochIntoEveryObjectPayload() throws Exception {
    Map<String, String> params = new java.util.HashMap<>(Map.of("region", REGION,
        "endpointOverride", moto.endpoint().toString(), "function", "drwatch-hook"));
    String defaulted = onContext(() -> action.result(new Step("notify", params, false, "run-9", 12)));
    assertThat(new JsonObject(defaulted))
        .isEqualTo(new JsonObject().put("step", "notify").put("drill", false).put("epoch", 12));

    params.put("payload", "{\"reason\":\"region down\",\"epoch\":1}");
    String custom = onContext(() -> action.result(new Step("notify", params, false, "run-9", 12)));
    assertThat(new JsonObject(custom)).isEqualTo(new JsonObject().put("reason", "region down").put("epoch", 12));

    // A payload that is not an object has no place for the epoch: it goes as written. (moto's echo
    // answers 500 to a list, so this is checked on the payload itself.)
    params.put("payload", "[\"not\", \"an object\"]");
    assertThat(LambdaInvokeAction.payload(new Step("notify", params, false, "run-9", 12)))
        .isEqualTo("[\"not\", \"an object\"]");
  }

  @Test
  void shouldFailOnAPayloadThatIsNotJson() {
    assertThatThrownBy(() -> onContext(() -> action.apply(step(Map.of("function", "drwatch-hook",
        "payload", "{not json"))))).hasMessageContaining("payload is not JSON");
  }

  @Test
  void shouldFailWithTheFunctionErrorAndTheStartOfItsPayload() {
    String body = "{\"errorMessage\":\"boom\",\"errorType\":\"RuntimeError\",\"stackTrace\":\"" + "x".repeat(500) + "\"}";
    LambdaInvokeAction failing = new LambdaInvokeAction(vertx, endpoint -> new LambdaAsyncClient() {
      @Override
      public CompletableFuture<InvokeResponse> invoke(InvokeRequest request) {
        return CompletableFuture.completedFuture(InvokeResponse.builder().statusCode(200)
            .functionError("Unhandled").payload(SdkBytes.fromUtf8String(body)).build());
      }

      @Override
      public String serviceName() {
        return "lambda";
      }

      @Override
      public void close() {}
    });
    assertThatThrownBy(() -> onContext(() -> failing.apply(step(Map.of("function", "broken")))))
        .hasMessageContaining("lambda-invoke broken: function error Unhandled: {\"errorMessage\":\"boom\"")
        .hasMessageEndingWith("x...")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void shouldNameAMissingParameter() {
    assertThatThrownBy(() -> onContext(() -> action.apply(step(Map.of())))).hasMessageContaining("missing parameter function");
  }
}
