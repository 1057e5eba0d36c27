package io.drwatch.domain.decide;

import io.drwatch.domain.detect.HealthEvents;
import io.drwatch.domain.event.EventEnvelope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the EventBridge envelope an {@code at <t> event k=v ...} line describes. */
final class ScenarioEvents {
  private ScenarioEvents() {}

  static EventEnvelope envelope(Map<String, String> o, Instant wall, HealthEvents.Config cfg) {
    String source = o.getOrDefault("source", "aws.health");
    Map<String, Object> detail = new LinkedHashMap<>();
    String detailType;
    if (source.equals("aws.cloudwatch")) {
      detailType = o.getOrDefault("detail-type", "CloudWatch Alarm State Change");
      detail.put("alarmName", o.get("alarm"));
      detail.put("state", Map.of("value", o.get("state")));
    } else {
      detailType = o.getOrDefault("detail-type", "AWS Health Event");
      detail.put("eventArn", o.get("arn"));
      detail.put("service", o.getOrDefault("service", "RDS"));
      detail.put("eventTypeCode", o.getOrDefault("code", "AWS_RDS_OPERATIONAL_ISSUE"));
      detail.put("eventTypeCategory", o.getOrDefault("category", "issue"));
      detail.put("eventRegion", o.getOrDefault("eventRegion", cfg.primaryRegion()));
      detail.put("statusCode", o.getOrDefault("status", "open"));
    }
    Instant time = wall.minus(Scenario.duration(o.getOrDefault("age", "0s")));
    return new EventEnvelope(o.get("id"), source, detailType, time,
        o.getOrDefault("region", cfg.primaryRegion()), detail);
  }
}
