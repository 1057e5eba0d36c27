package io.drwatch.adapter.aws.sfn;

import io.drwatch.adapter.aws.AwsActionDescriptor;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import java.util.Optional;
import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.schema.SharedSpecs.pollMillis;
import static io.drwatch.adapter.aws.AwsParamSpecs.region;
import static io.drwatch.adapter.aws.AwsParamSpecs.waitSecondsParam;

/** {@code sfn-start}: see {@link SfnStartAction}. */
public final class SfnStartDescriptor extends AwsActionDescriptor<SfnStartDescriptor.Target> {

  /** The state machine and the execution. */
  public record Target(String stateMachine, String region, Optional<String> name, Optional<String> input,
      Duration poll, Duration waitFor) {}

  static final int WAIT_SECONDS = 3600;

  public SfnStartDescriptor() {
    super(SfnStartAction.NAME, "Starts a Step Functions execution named after the step and the run, and polls"
        + " `DescribeExecution` until `SUCCEEDED`.",
        ParamSchema.of(
            ParamSpec.string("stateMachine").asRequired().matching(
                "arn:[a-z-]+:states:[a-z0-9-]+:\\d{12}:stateMachine:[^:]+(:[^:]+)?", "a state machine ARN")
                .doc("the state machine's ARN"),
            region("the state machine's region"),
            ENDPOINT_OVERRIDE,
            ParamSpec.json("input").doc("the execution's input; default {\"step\": id, \"drill\": true|false,"
                + " \"epoch\": n}"),
            ParamSpec.string("name").matching("[A-Za-z0-9_-]{1,80}", "1 to 80 of A-Z a-z 0-9 - _")
                .doc("the execution's name, found again by every later run; default drwatch-<step>-<run id>"),
            pollMillis(2000),
            waitSecondsParam(WAIT_SECONDS, 86_400)),
        WAIT_SECONDS, Speed.LONG, List.of("states:StartExecution", "states:DescribeExecution"), built(SfnStartAction::new, SfnAsyncClient::builder));
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.string("stateMachine"), p.string("region"), p.optionalString("name"),
        p.optionalString("input"), p.millis("pollMillis"),
        p.seconds("waitSeconds"));
  }
}
