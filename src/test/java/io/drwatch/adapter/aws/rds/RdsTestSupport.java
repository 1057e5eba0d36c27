package io.drwatch.adapter.aws.rds;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.port.FailoverAction.Step;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** What the RDS action tests share: clients, steps, and running a call on an event-loop context. */
final class RdsTestSupport {
  /** Calls time out after 500 ms: a slow answer is retried well within a test's patience. */
  static final AwsSettings SHORT = new AwsSettings(Duration.ofSeconds(1), Duration.ofSeconds(5),
      Duration.ofMillis(500), 10, 1);

  private RdsTestSupport() {}

  static AwsClients clients(AwsSettings settings) {
    return AwsClients.create(settings, StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
  }

  static Step step(String id, boolean drill, String region, URI endpoint, Map<String, String> extra) {
    Map<String, String> params = new HashMap<>(Map.of("region", region, "endpointOverride", endpoint.toString()));
    params.putAll(extra);
    return new Step(id, params, drill);
  }

  /** Runs {@code call} on a fresh event-loop context; fails unless its result arrives on that context. */
  static <T> T onContext(Vertx vertx, Supplier<Future<T>> call) throws Exception {
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
      assertThat(seen.get()).as("the result comes back on the caller's context").isSameAs(context);
    }
  }
}
