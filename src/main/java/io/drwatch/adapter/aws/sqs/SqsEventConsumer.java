package io.drwatch.adapter.aws.sqs;

import io.drwatch.adapter.aws.AwsFutures;
import io.drwatch.adapter.aws.AwsFailures;
import io.drwatch.adapter.support.Retry;
import io.drwatch.app.ingest.EventEnvelopes;
import io.drwatch.app.ingest.EventIngest;
import io.drwatch.app.ingest.IngestSource;
import io.drwatch.app.ingest.MalformedEventException;
import io.drwatch.app.ingest.ReceiveOutcome;
import io.drwatch.domain.event.EventEnvelope;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Long-polls one SQS queue that an EventBridge rule targets (the message body is the event JSON)
 * and hands each event to {@link EventIngest}. A message is deleted only after the ingest layer
 * returned for it, so a crash in between redelivers it (and the id de-duplication absorbs the
 * replay). A message that is not an EventBridge event is poison: counted, logged in one line, and
 * deleted. Everything runs on one Vert.x context: SDK futures come back there through
 * {@link AwsFutures}, retries wait on Vert.x timers, nothing blocks.
 */
public final class SqsEventConsumer {
  private static final System.Logger LOG = System.getLogger(SqsEventConsumer.class.getName());

  private final Vertx vertx;
  private final SqsAsyncClient sqs;
  private final String queueUrl;
  private final EventIngest ingest;
  private final SqsPolling polling;
  private final RandomGenerator random;
  private final ReceiveMessageRequest receive;

  // Owned by the context.
  private Context context;
  private boolean stopping;
  private CompletableFuture<ReceiveMessageResponse> receiving;
  private Future<Void> cycle;
  private long backoffTimer = -1;
  private int failures;
  private long received;

  // VisibleForTesting: random drives the jitter.
  SqsEventConsumer(Vertx vertx, SqsAsyncClient sqs, String queueUrl, EventIngest ingest, SqsPolling polling,
      RandomGenerator random) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.sqs = Objects.requireNonNull(sqs, "sqs");
    this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    this.ingest = Objects.requireNonNull(ingest, "ingest");
    this.polling = Objects.requireNonNull(polling, "polling");
    this.random = random;
    this.receive = ReceiveMessageRequest.builder()
        .queueUrl(queueUrl)
        .maxNumberOfMessages(polling.maxMessages())
        .waitTimeSeconds((int) polling.waitTime().toSeconds())
        .overrideConfiguration(AwsRequestOverrideConfiguration.builder()
            .apiCallTimeout(polling.waitTime().plus(SqsPolling.CALL_MARGIN))
            .build())
        .build();
  }

  /**
   * @param sqs built once at startup (see {@code AwsClients.configure}); not closed here
   */
  public static SqsEventConsumer create(Vertx vertx, SqsAsyncClient sqs, String queueUrl, EventIngest ingest,
      SqsPolling polling) {
    return new SqsEventConsumer(vertx, sqs, queueUrl, ingest, polling, RandomGenerator.getDefault());
  }

  public static SqsEventConsumer create(Vertx vertx, SqsAsyncClient sqs, String queueUrl, EventIngest ingest) {
    return create(vertx, sqs, queueUrl, ingest, SqsPolling.DEFAULT);
  }

  /**
   * Binds to the caller's context (or a new event-loop context), warms up on a worker thread (JSON
   * parsing, credentials, class loading, and a GetQueueAttributes that proves the queue exists),
   * then starts polling. SDK calls are invoked on worker threads (signing, credential refresh) and
   * complete on the context. A failed warm-up is logged and polling starts anyway, with backoff: the
   * queue's region may be the one that is down, and that must not keep the daemon from starting.
   */
  public Future<Void> start() {
    if (context != null) {
      return Future.failedFuture(new IllegalStateException("already started: " + queueUrl));
    }
    context = vertx.getOrCreateContext();
    return context.<Void>executeBlocking(this::warmUp, false)
        .otherwise(err -> {
          LOG.log(Level.WARNING, "sqs {0}: warm-up failed, polling anyway with backoff: {1}",
              queueUrl, AwsFailures.describe(err));
          return null;
        })
        .onSuccess(v -> poll());
  }

  /**
   * Stops polling: cancels the backoff timer and the pending long poll, lets messages already
   * received finish (ingest and delete), then completes. Idempotent.
   */
  public Future<Void> stop() {
    if (context == null) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      stopping = true;
      if (backoffTimer >= 0) {
        vertx.cancelTimer(backoffTimer);
        backoffTimer = -1;
      }
      if (receiving != null) {
        receiving.cancel(true);
      }
      Future<Void> current = cycle == null ? Future.succeededFuture() : cycle;
      current.onComplete(ar -> done.complete());
    });
    return done.future();
  }

  public String queueUrl() {
    return queueUrl;
  }

  // VisibleForTesting
  Context context() {
    return context;
  }

  /** Consecutive failed receives; 0 once a receive succeeds. Read on the context. */
  int failures() {
    return failures;
  }

  private Void warmUp() throws Exception {
    EventEnvelopes.warmUp();
    sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .get(polling.waitTime().plus(SqsPolling.CALL_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
    return null;
  }

  private void poll() {
    if (stopping) {
      return;
    }
    cycle = AwsFutures.invoke(context, () -> sqs.receiveMessage(receive))
        .compose(call -> {
          receiving = call;
          if (stopping) {
            call.cancel(true);
          }
          return AwsFutures.onContext(call, context);
        })
        .andThen(ar -> receiving = null)
        .compose(response -> handle(response.messages()))
        .andThen(ar -> {
          if (ar.succeeded()) {
            received();
            poll();
          } else {
            failed(ar.cause());
          }
        });
  }

  private void received() {
    if (failures > 0) {
      LOG.log(Level.INFO, "sqs {0}: receiving again after {1} failed attempt(s)", queueUrl, failures);
    }
    failures = 0;
  }

  private void failed(Throwable err) {
    if (stopping) {
      return;
    }
    boolean retryable = Retry.retryable(AwsFailures.coded(err));
    long delay = retryable
        ? polling.backoff().delayMillis(failures, random)
        : polling.backoff().cap().toMillis();
    failures++;
    LOG.log(Level.WARNING, "sqs {0}: receive failed (attempt {1}, {2}), next try in {3} ms: {4}",
        queueUrl, failures, retryable ? "retryable" : "not retryable", delay, AwsFailures.describe(err));
    backoffTimer = vertx.setTimer(delay, id -> {
      backoffTimer = -1;
      poll();
    });
  }

  /**
   * Ingests the batch in order, one message per event-loop task (ten 256 KiB events parsed in one
   * task would hold the loop), deleting each message once ingested. Completes when every delete has
   * finished; never fails.
   */
  private Future<Void> handle(List<Message> messages) {
    List<Future<Void>> deletes = new ArrayList<>(messages.size());
    Future<Void> batch = Future.succeededFuture();
    for (Message m : messages) {
      batch = batch.compose(v -> nextTask()).andThen(v -> {
        received++;
        if (ingestOne(m)) {
          deletes.add(delete(m, 0));
        }
      });
    }
    return batch.compose(v -> Future.join(deletes)).mapEmpty();
  }

  private Future<Void> nextTask() {
    Promise<Void> next = Promise.promise();
    context.runOnContext(v -> next.complete());
    return next.future();
  }

  /** True when the message is done with (ingested, or poison) and may be deleted. */
  private boolean ingestOne(Message m) {
    EventEnvelope event;
    try {
      event = EventEnvelopes.parse(m.body());
    } catch (MalformedEventException e) {
      ingest.reject(IngestSource.SQS, ReceiveOutcome.POISON);
      LOG.log(Level.WARNING, "sqs {0}: poison message {1} deleted: {2}", queueUrl, m.messageId(), e.getMessage());
      return true;
    }
    try {
      ingest.ingest(IngestSource.SQS, event);
      return true;
    } catch (RuntimeException e) {
      // One line on the event loop; the stack trace only when asked for (printing one costs ~100 ms cold).
      LOG.log(Level.ERROR, "sqs {0}: event {1} (message {2}) not recorded, left on the queue to come back: {3}",
          queueUrl, event.id(), m.messageId(), e.toString());
      LOG.log(Level.DEBUG, "sqs " + queueUrl + ": sink failure", e);
      return false;
    }
  }

  private Future<Void> delete(Message m, int attempt) {
    return AwsFutures.call(context, () -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())))
        .<Void>mapEmpty()
        .recover(err -> {
          if (attempt + 1 < polling.deleteAttempts() && Retry.retryable(AwsFailures.coded(err)) && !stopping) {
            long delay = polling.backoff().delayMillis(attempt, random);
            return vertx.timer(delay, TimeUnit.MILLISECONDS).compose(t -> delete(m, attempt + 1));
          }
          LOG.log(Level.WARNING, "sqs {0}: message {1} not deleted after {2} attempt(s), it will come back "
              + "and count as a duplicate: {3}", queueUrl, m.messageId(), attempt + 1, AwsFailures.describe(err));
          return Future.succeededFuture();
        });
  }

  @Override
  public String toString() {
    return "SqsEventConsumer[" + queueUrl + ", received=" + received + "]";
  }
}
