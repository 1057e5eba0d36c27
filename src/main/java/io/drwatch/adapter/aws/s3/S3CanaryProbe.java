package io.drwatch.adapter.aws.s3;

import io.drwatch.adapter.support.WriterClock;
import io.drwatch.adapter.aws.AwsFutures;
import io.drwatch.adapter.support.Retry;
import io.drwatch.domain.CodedFailure;
import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.config.ChannelConfig;
import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ChannelProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Channel kind {@code s3}: a canary object PUT to the source bucket every round and read back by GET
 * from the destination bucket, plus the source object's {@code x-amz-replication-status}.
 *
 * <p>Writer time and sequence are this daemon's clock ({@link WriterClock}). Every timestamp the RPO
 * and age use then comes from one clock, so skew never enters; S3's own clock (the PUT's {@code
 * Date}, LastModified) has one-second resolution and would bring S3-versus-daemon skew into the age.
 */
public final class S3CanaryProbe implements ChannelProbe {
  /** One retry inside a round for throttling; the next round is the real retry. */
  private static final int ATTEMPTS = 2;

  /** Where the canary lives. */
  public record Target(String sourceBucket, String destinationBucket, String key, Optional<String> replicationRule) {
    String source() {
      return "s3://" + sourceBucket + "/" + key;
    }

    String destination() {
      return "s3://" + destinationBucket + "/" + key;
    }
  }

  private final Vertx vertx;
  private final S3AsyncClient source;
  private final S3AsyncClient destination;
  private final Target target;
  private final WriterClock writer;

  /** Builds the clients; call from the starting thread, not an event loop. */
  public static S3CanaryProbe create(Vertx vertx, AwsClients aws, ChannelConfig channel) {
    String region = channel.param("region");
    AwsEndpoint home = new AwsEndpoint(region, channel.optionalParam("endpointOverride").map(URI::create),
        channel.optionalParam("assumeRole"));
    S3AsyncClient source = client(aws, home);
    S3AsyncClient destination = client(aws, home.inRegion(channel.optionalParam("destinationRegion").orElse(region)));
    Target target = new Target(channel.param("sourceBucket"), channel.param("destinationBucket"),
        channel.optionalParam("key").orElse("drwatch/canary/" + channel.name()),
        channel.optionalParam("replicationRule"));
    // Loads the JSON codec here, on the starting thread, rather than in the first round on the loop.
    CanaryObject.parse(CanaryObject.body(new Heartbeat(0, Instant.EPOCH)), "warm-up");
    return new S3CanaryProbe(vertx, source, destination, target, Clock.systemUTC());
  }

  /**
   * An S3 client on the shared HTTP client. A custom endpoint (moto, MinIO, a VPC endpoint URL)
   * gets path-style addressing: virtual-hosted names would need DNS for every bucket.
   */
  public static S3AsyncClient client(AwsClients aws, AwsEndpoint endpoint) {
    S3AsyncClientBuilder builder = aws.configure(S3AsyncClient.builder(), endpoint);
    builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
        .addExecutionInterceptor(new NoExpectContinue()).build());
    builder.forcePathStyle(endpoint.endpointOverride().isPresent());
    return builder.build();
  }

  S3CanaryProbe(Vertx vertx, S3AsyncClient source, S3AsyncClient destination, Target target, Clock clock) {
    this.vertx = vertx;
    this.source = source;
    this.destination = destination;
    this.target = target;
    this.writer = new WriterClock(clock);
  }

  @Override
  public Future<Heartbeat> writeHeartbeat() {
    Heartbeat hb = writer.next();
    return call("PutObject " + target.source(), () -> source.putObject(r -> r.bucket(target.sourceBucket())
        .key(target.key()).contentType("application/json").metadata(CanaryObject.metadata(hb)),
        AsyncRequestBody.fromBytes(CanaryObject.body(hb))))
        .map(response -> hb);
  }

  @Override
  public Future<ReplicaView> readReplica() {
    Future<SourceReplication> link = sourceStatus();
    Future<Optional<String>> rule = ruleProblem();
    return visible().compose(hb -> Future.all(link, rule).map(v -> view(hb, link.result(), rule.result())));
  }

  private ReplicaView view(Optional<Heartbeat> hb, SourceReplication link, Optional<String> rule) {
    if (rule.isPresent()) {
      return new ReplicaView(hb, LinkState.DOWN, rule.get());
    }
    return new ReplicaView(hb, link.link(), link.detail());
  }

  private Future<Optional<Heartbeat>> visible() {
    String where = target.destination();
    return call("GetObject " + where, () -> missingAsEmpty(destination.getObject(
        r -> r.bucket(target.destinationBucket()).key(target.key()), AsyncResponseTransformer.toBytes())))
        .map(found -> found.map(bytes -> CanaryObject.parse(bytes.asByteArray(), where)));
  }

  // Source-side trouble must not hide what the destination shows: it only costs the link detail.
  private Future<SourceReplication> sourceStatus() {
    String where = target.source();
    return call("HeadObject " + where, () -> missingAsEmpty(source.headObject(
        r -> r.bucket(target.sourceBucket()).key(target.key()))))
        .map(head -> head.map(h -> SourceReplication.of(where, h.replicationStatus()))
            .orElseGet(() -> SourceReplication.notWrittenYet(where)))
        .otherwise(err -> SourceReplication.unreadable(where, err.getMessage()));
  }

  private Future<Optional<String>> ruleProblem() {
    if (target.replicationRule().isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return call("GetBucketReplication " + target.sourceBucket(), () -> source
        .getBucketReplication(r -> r.bucket(target.sourceBucket()))
        .handle((response, err) -> {
          if (err == null) {
            return Optional.of(response.replicationConfiguration());
          }
          if (AwsFutures.unwrap(err) instanceof S3Exception e && e.statusCode() == 404
              && e.awsErrorDetails() != null
              && "ReplicationConfigurationNotFoundError".equals(e.awsErrorDetails().errorCode())) {
            return Optional.<ReplicationConfiguration>empty();
          }
          throw new CompletionException(AwsFutures.unwrap(err));
        }))
        .map(config -> ReplicationRuleCheck.problem(config, target.sourceBucket(), target.replicationRule().get(),
            target.destinationBucket()));
  }

  // A missing key is an answer (nothing there yet), not a failed call. A HEAD has no error body, so
  // a missing key answers a bare 404; without s3:ListBucket S3 answers 403 instead (see docs).
  private static <T> CompletableFuture<Optional<T>> missingAsEmpty(CompletableFuture<T> call) {
    return call.handle((response, err) -> {
      if (err == null) {
        return Optional.of(response);
      }
      Throwable cause = AwsFutures.unwrap(err);
      boolean bareHead404 = cause instanceof S3Exception e && e.statusCode() == 404
          && (e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
              || "NoSuchKey".equals(e.awsErrorDetails().errorCode()));
      if (cause instanceof NoSuchKeyException || bareHead404) {
        return Optional.empty();
      }
      throw new CompletionException(cause);
    });
  }

  private <T> Future<T> call(String label, Supplier<CompletableFuture<T>> invocation) {
    return AwsFutures.retried(Retry.of("s3 " + label).attempts(ATTEMPTS), vertx.getOrCreateContext(), invocation)
        .recover(err -> {
          CodedFailure failure = CodedFailure.coded(err);
          return Future.failedFuture(failure.httpStatus().orElse(0) == 403
              ? failure.withMessage(failure.getMessage() + " (a missing key answers 403 without s3:ListBucket)")
              : failure);
        });
  }

  @Override
  public Future<Void> close() {
    source.close();
    if (destination != source) {
      destination.close();
    }
    return Future.succeededFuture();
  }
}
