package io.drwatch.config;

import io.drwatch.domain.Require;
import java.util.Optional;

/**
 * An SQS queue that an EventBridge rule delivers events to, consumed by long polling.
 *
 * @param queueUrl an http(s) url, as written
 * @param region the queue's AWS region, such as {@code us-east-1}
 * @param endpointOverride an http(s) url to use instead of the AWS endpoint (a local SQS-compatible
 *     server in tests); empty when not configured
 */
public record SqsQueueConfig(String queueUrl, String region, Optional<String> endpointOverride) {

  public SqsQueueConfig {
    Require.nonNull("queueUrl", queueUrl, "region", region, "endpointOverride", endpointOverride);
  }
}
