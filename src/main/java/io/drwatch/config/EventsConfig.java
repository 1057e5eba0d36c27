package io.drwatch.config;

import io.drwatch.domain.Require;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How EventBridge events (AWS Health, CloudWatch alarms) reach drwatch and which of them count.
 *
 * @param token the shared secret of {@code POST /api/v1/events} ({@code token} or {@code
 *     tokenFile}); empty when not configured, and then the webhook refuses every post
 * @param header the API-key header the token comes in, default {@code x-api-key}; letters, digits
 *     and {@code !#$%&'*+-.^_`|~} only
 * @param primaryRegion the region whose outage is watched, such as {@code us-east-1}; required when
 *     {@code quorum.require} has {@code aws-health} or a queue is configured, empty otherwise
 * @param healthServices AWS Health service codes that count, default {@code [RDS, ELASTICACHE,
 *     EC2]}; not empty, no duplicates, each matches {@code [A-Z][A-Z0-9_]{0,62}}
 * @param voteFreshness an open Health event without newer updates stops voting after this, default
 *     30m, greater than 0
 * @param sqs the queues to consume, default none; queue urls unique
 */
public record EventsConfig(
    Optional<Secret> token,
    String header,
    Optional<String> primaryRegion,
    List<String> healthServices,
    Duration voteFreshness,
    List<SqsQueueConfig> sqs) {

  public EventsConfig {
    Require.nonNull("token", token, "header", header, "primaryRegion", primaryRegion, "voteFreshness", voteFreshness);
    healthServices = List.copyOf(healthServices);
    sqs = List.copyOf(sqs);
  }

  /** No token, so no webhook; no region, no queues; the default services and freshness. */
  public static EventsConfig defaults() {
    return new EventsConfig(
        Optional.empty(),
        "x-api-key",
        Optional.empty(),
        List.of("RDS", "ELASTICACHE", "EC2"),
        Duration.ofMinutes(30),
        List.of());
  }
}
