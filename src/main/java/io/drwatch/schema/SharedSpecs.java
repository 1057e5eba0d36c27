package io.drwatch.schema;

/**
 * Params that recur across kinds whose adapters may not share code: an AWS region (AWS kinds, EKS
 * tokens, SigV4 signing), a read-back interval and a read-back wait.
 */
public final class SharedSpecs {
  public static final String REGION_PATTERN = "[a-z]{2}(-[a-z]+)+-\\d{1,2}";
  public static final String REGION_RULE = "an AWS region like us-east-1";

  private SharedSpecs() {}

  /** An optional AWS region named {@code name}. */
  public static ParamSpec region(String name, String doc) {
    return ParamSpec.string(name).matching(REGION_PATTERN, REGION_RULE).doc(doc);
  }

  /** {@code pollMillis}: the read-back interval, read with {@link Params#millis}. */
  public static ParamSpec pollMillis(long fallback) {
    return ParamSpec.integer("pollMillis").range(1, 60_000).defaultsTo(fallback)
        .doc("read-back interval in milliseconds");
  }

  /** {@code timeoutSeconds}: the bound of each HTTP request, read with {@link Params#seconds}. */
  public static ParamSpec requestTimeout(long max) {
    return ParamSpec.integer("timeoutSeconds").range(1, max).defaultsTo(10).doc("bound of each request");
  }

  /** {@code waitSeconds}: how long the read-back waits, read with {@link Params#seconds}. */
  public static ParamSpec waitSeconds(long fallback, long max, String doc) {
    return ParamSpec.integer("waitSeconds").range(1, max).defaultsTo(fallback).doc(doc);
  }
}
