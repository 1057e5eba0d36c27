package io.drwatch.adapter.aws;

import io.drwatch.schema.ParamSpec;

/** The params every AWS kind and action shares: where its calls go and, for polling actions, how often. */
public final class AwsParamSpecs {
  public static final String REGION_PATTERN = "[a-z]{2}(-[a-z]+)+-\\d{1,2}";
  public static final String REGION_RULE = "an AWS region like us-east-1";

  public static final ParamSpec ENDPOINT_OVERRIDE = ParamSpec.url("endpointOverride")
      .doc("API endpoint instead of AWS's (tests, VPC endpoints)");
  public static final ParamSpec ASSUME_ROLE = ParamSpec.string("assumeRole")
      .matching("arn:aws[a-z-]*:iam::\\d{12}:role/.+", "an IAM role ARN")
      .doc("role the calls are made as (sts:AssumeRole from the daemon's credentials, session drwatch)");

  private AwsParamSpecs() {}

  /** A required {@code region}. */
  public static ParamSpec region(String doc) {
    return ParamSpec.string("region").asRequired().matching(REGION_PATTERN, REGION_RULE).doc(doc);
  }

  public static ParamSpec pollMillis(long fallback) {
    return ParamSpec.integer("pollMillis").range(1, 60_000).defaultsTo(fallback)
        .doc("read-back interval in milliseconds");
  }

  public static ParamSpec waitSecondsParam(long fallback, long max) {
    return ParamSpec.integer("waitSeconds").range(1, max).defaultsTo(fallback)
        .doc("how long the read-back waits for the target state");
  }
}
