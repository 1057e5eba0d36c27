package io.drwatch.adapter.aws.eventbridge;

import io.drwatch.adapter.support.Failing;
import io.drwatch.domain.FailureCode;
import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsFutures;
import io.drwatch.adapter.aws.StepClients;
import io.drwatch.adapter.aws.StepPayload;
import io.drwatch.domain.Failures;
import io.drwatch.port.FailoverAction;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeAsyncClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * {@code eventbridge-put}: puts one event with detail-type {@value #DETAIL_TYPE} on a bus, for
 * whatever rules route it onwards.
 *
 * <ul>
 *   <li>check: always false (an event is a notification; putting it again is a new event).
 *   <li>apply: {@code PutEvents}; a failed entry fails the step with its error code and message.
 *   <li>await: immediate: EventBridge accepted the event when {@code PutEvents} answered.
 * </ul>
 *
 * <p>Parameters: {@code region}, optional {@code endpointOverride}, {@code busName}
 * ({@code default}), {@code source} ({@code drwatch}), {@code detail} (a JSON object, which gets
 * the step's fencing {@code "epoch"} set; default {@code {"step": id, "drill": flag, "epoch":
 * n}}). One client per (region, endpoint), built on first use on a
 * worker thread, closed by {@link #close()}. IAM: {@code events:PutEvents}.
 */
public final class EventBridgePutAction implements FailoverAction, AutoCloseable {
  static final String DETAIL_TYPE = "drwatch.failover";

  private final Vertx vertx;
  private final StepClients<EventBridgeAsyncClient> clients;

  EventBridgePutAction(Vertx vertx, Function<AwsEndpoint, EventBridgeAsyncClient> build) {
    this.vertx = vertx;
    this.clients = new StepClients<>(build);
  }

  /** {@code aws} is asked for on the first put only (on a worker thread). */
  public static EventBridgePutAction create(Vertx vertx, Supplier<AwsClients> aws) {
    return new EventBridgePutAction(vertx,
        endpoint -> aws.get().configure(EventBridgeAsyncClient.builder(), endpoint).build());
  }

  public static EventBridgePutAction create(Vertx vertx, AwsClients aws) {
    return create(vertx, () -> aws);
  }

  @Override
  public String name() {
    return "eventbridge-put";
  }

  @Override
  public Future<Boolean> check(Step step) {
    return Future.succeededFuture(false);
  }

  @Override
  public Future<Void> apply(Step step) {
    return put(step).mapEmpty();
  }

  @Override
  public Future<Void> await(Step step) {
    return Future.succeededFuture();
  }

  /** Puts the event; the result is its event id. */
  Future<String> put(Step step) {
    Context context = vertx.getOrCreateContext();
    AwsEndpoint endpoint;
    try {
      endpoint = endpoint(step);
    } catch (IllegalArgumentException e) {
      return Failing.with(FailureCode.BAD_PARAMS, e.getMessage());
    }
    String bus = step.param("busName", "default");
    String label = "eventbridge-put on bus " + bus;
    // The request is built on the worker too: the first use of the SDK's model classes loads them.
    return AwsFutures.call(context, () -> client(endpoint).putEvents(request(step, bus)))
        .recover(err -> failed(label + ": " + Failures.line(err)))
        .compose(response -> outcome(label, response));
  }

  private static PutEventsRequest request(Step step, String bus) {
    return PutEventsRequest.builder().entries(PutEventsRequestEntry.builder()
        .eventBusName(bus)
        .source(step.param("source", "drwatch"))
        .detailType(DETAIL_TYPE)
        .detail(detail(step))
        .build()).build();
  }

  private static Future<String> outcome(String label, PutEventsResponse response) {
    Integer failedCount = response.failedEntryCount();
    PutEventsResultEntry entry = response.hasEntries() && !response.entries().isEmpty()
        ? response.entries().get(0) : null;
    if ((failedCount != null && failedCount > 0) || entry == null || entry.errorCode() != null) {
      String why = entry == null ? "no result entry" : entry.errorCode() + ": " + entry.errorMessage();
      return failed(label + ": event not accepted (" + why + ")");
    }
    return Future.succeededFuture(entry.eventId());
  }

  private EventBridgeAsyncClient client(AwsEndpoint endpoint) {
    return clients.get(endpoint);
  }

  static AwsEndpoint endpoint(Step step) {
    return StepClients.endpoint(step);
  }


  static String detail(Step step) {
    return StepPayload.object(step, "detail");
  }

  private static <T> Future<T> failed(String message) {
    return Future.failedFuture(VertxException.noStackTrace(message));
  }

  /** Closes the clients built so far (they borrow {@link AwsClients}' HTTP client). */
  @Override
  public void close() {
    clients.close();
  }
}
