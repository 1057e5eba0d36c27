package io.drwatch.adapter.aws.eventbridge;

import io.drwatch.adapter.aws.AwsActionDescriptor;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeAsyncClient;
import java.util.Optional;
import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.schema.SharedSpecs.pollMillis;
import static io.drwatch.adapter.aws.AwsParamSpecs.region;
import static io.drwatch.adapter.aws.AwsParamSpecs.waitSecondsParam;

/** {@code eventbridge-put}: see {@link EventBridgePutAction}. */
public final class EventBridgePutDescriptor extends AwsActionDescriptor<EventBridgePutDescriptor.Target> {

  /** The bus and the event. */
  public record Target(String region, String busName, String source, Optional<String> detail) {}

  public EventBridgePutDescriptor() {
    super("eventbridge-put", "Puts one event (detail-type `drwatch.failover`) on an EventBridge bus; a rejected"
        + " entry fails the step. Never skipped.",
        ParamSchema.of(
            region("the bus's region"),
            ENDPOINT_OVERRIDE,
            ParamSpec.string("busName").defaultsTo("default").doc("the event bus's name or ARN"),
            ParamSpec.string("source").defaultsTo("drwatch").doc("the event's source"),
            ParamSpec.json("detail").doc("a JSON object; default {\"step\": id, \"drill\": true|false, \"epoch\": n}")),
        10, Speed.QUICK, List.of("events:PutEvents"), built(EventBridgePutAction::new, EventBridgeAsyncClient::builder));
  }

  @Override
  public Target parse(Params p) {
    Optional<String> detail = p.optionalString("detail");
    if (detail.isPresent() && !detail.get().startsWith("{")) {
      throw new ParamException("detail", "must be a JSON object");
    }
    return new Target(p.string("region"), p.string("busName"), p.string("source"), detail);
  }
}
