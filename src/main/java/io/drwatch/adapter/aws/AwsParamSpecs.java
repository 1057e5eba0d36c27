package io.drwatch.adapter.aws;

import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.SharedSpecs;

/** The params every AWS kind and action shares: where its calls go and, for polling actions, how often. */
public final class AwsParamSpecs {
  public static final String REGION_PATTERN = SharedSpecs.REGION_PATTERN;

  public static final ParamSpec ENDPOINT_OVERRIDE = ParamSpec.url("endpointOverride")
      .doc("API endpoint instead of AWS's (tests, VPC endpoints)");
  public static final ParamSpec ASSUME_ROLE = ParamSpec.string("assumeRole")
      .matching("arn:aws[a-z-]*:iam::\\d{12}:role/.+", "an IAM role ARN")
      .doc("role the calls are made as (sts:AssumeRole from the daemon's credentials, session drwatch)");

  private AwsParamSpecs() {}

  /** A required {@code region}. */
  public static ParamSpec region(String doc) {
    return SharedSpecs.region("region", doc).asRequired();
  }

  public static ParamSpec waitSecondsParam(long fallback, long max) {
    return SharedSpecs.waitSeconds(fallback, max, "how long the read-back waits for the target state");
  }
}
