package io.drwatch.app.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** EventBridge events as EventBridge delivers them (AWS Health, the shape of the docs' sample). */
public final class TestEvents {
  private TestEvents() {}

  public static JsonObject health(String id) {
    return new JsonObject()
        .put("version", "0")
        .put("id", id)
        .put("detail-type", "AWS Health Event")
        .put("source", "aws.health")
        .put("account", "123456789012")
        .put("time", "2026-11-25T08:00:00Z")
        .put("region", "us-west-2")
        .put("resources", new JsonArray())
        .put("detail", new JsonObject()
            .put("eventArn", "arn:aws:health:us-east-1::event/RDS/AWS_RDS_OPERATIONAL_ISSUE/abc")
            .put("service", "RDS")
            .put("eventTypeCode", "AWS_RDS_OPERATIONAL_ISSUE")
            .put("eventTypeCategory", "issue")
            .put("eventRegion", "us-east-1")
            .put("statusCode", "open")
            .putNull("endTime")
            .put("eventDescription", new JsonArray().add(new JsonObject()
                .put("language", "en_US").put("latestDescription", "Increased error rates"))));
  }
}
