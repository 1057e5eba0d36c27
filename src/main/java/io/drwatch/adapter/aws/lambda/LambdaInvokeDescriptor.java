package io.drwatch.adapter.aws.lambda;

import io.drwatch.adapter.aws.AwsActionDescriptor;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import java.util.Optional;
import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.schema.SharedSpecs.pollMillis;
import static io.drwatch.adapter.aws.AwsParamSpecs.region;
import static io.drwatch.adapter.aws.AwsParamSpecs.waitSecondsParam;

/** {@code lambda-invoke}: see {@link LambdaInvokeAction}. */
public final class LambdaInvokeDescriptor extends AwsActionDescriptor<LambdaInvokeDescriptor.Target> {

  /** The function and where it is. */
  public record Target(String function, String region, Optional<URI> endpointOverride, Optional<String> payload) {}

  /** One call: the SDK's apiCallTimeout (10 s); its retries fit in a minute. */
  static final int WAIT_SECONDS = 10;

  public LambdaInvokeDescriptor() {
    super("lambda-invoke", "Invokes a Lambda function synchronously (`RequestResponse`); a `FunctionError` fails"
        + " the step. Never skipped: the function must be idempotent.",
        ParamSchema.of(
            ParamSpec.string("function").asRequired().matching("[A-Za-z0-9:_.$-]{1,170}", "a function name or ARN")
                .doc("the function's name or ARN"),
            region("the function's region"),
            ENDPOINT_OVERRIDE,
            ParamSpec.json("payload").doc("the event; default {\"step\": id, \"drill\": true|false, \"epoch\": n}")),
        WAIT_SECONDS, Speed.QUICK, List.of("lambda:InvokeFunction"), built(LambdaInvokeAction::new, LambdaAsyncClient::builder));
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.string("function"), p.string("region"), p.optionalUrl("endpointOverride"),
        p.optionalString("payload"));
  }
}
