package io.drwatch.adapter.aws.eventbridge;

import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsStepAction;
import io.drwatch.adapter.aws.StepClients;
import io.drwatch.adapter.aws.StepPayload;
import io.drwatch.adapter.support.Failing;
import io.drwatch.domain.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Function;
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
 * <p>A throttled put, or one that could not connect, is retried (no event was put); one that
 * timed out after it was sent fails the step, since the event may be on the bus.
 *
 * <p>Parameters: {@code region}, optional {@code endpointOverride}, {@code busName}
 * ({@code default}), {@code source} ({@code drwatch}), {@code detail} (a JSON object, which gets
 * the step's fencing {@code "epoch"} set; default {@code {"step": id, "drill": flag, "epoch":
 * n}}). One client per (region, endpoint), built on first use on a
 * worker thread, closed by {@link #close()}. IAM: {@code events:PutEvents}.
 */
public final class EventBridgePutAction extends AwsStepAction.OneShot<EventBridgeAsyncClient> {
  static final String DETAIL_TYPE = "drwatch.failover";

  EventBridgePutAction(Vertx vertx, Function<AwsEndpoint, EventBridgeAsyncClient> build) {
    super("eventbridge-put", vertx, build);
  }

  /** Puts the event; the result is its event id. */
  @Override
  protected Future<String> result(Step step) {
    return parsed(() -> StepClients.endpoint(step)).compose(endpoint -> {
      String bus = step.param("busName", "default");
      return once(step, "eventbridge-put on bus " + bus, endpoint, c -> c.putEvents(request(step, bus)),
          EventBridgePutAction::outcome);
    });
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
      return Failing.with(FailureCode.REJECTED, label + ": event not accepted (" + why + ")");
    }
    return Future.succeededFuture(entry.eventId());
  }

  static String detail(Step step) {
    return StepPayload.object(step, "detail");
  }
}
