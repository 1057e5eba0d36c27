package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.lab.FreePorts;
import io.drwatch.lab.PostgresPair;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.PostgresPairExtension;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A running daemon whose probes of the primary are refused (nothing listens on the port) stands
 * on one family; an AWS Health issue POSTed to its events webhook is the second, and the quorum
 * (2 of probes, replication, aws-health) declares. Read back through /api/v1/status and /metrics.
 */
@ExtendWith(PostgresPairExtension.class)
class HealthEventQuorumIT {
  private static final String TOKEN = "events-it-token";

  // A daemon watches channels; this one's (a live pair) is not mapped to the target.
  private static String config(PostgresPair pg, int deadPort) {
    return """
        observer: { name: obs-a }
        http: { host: 127.0.0.1, port: 0 }
        channels:
          - name: orders-db
            kind: postgres
            primary: { url: "%s" }
            replica: { url: "%s" }
            heartbeat: { interval: 500ms, timeout: 400ms }
        detection:
          tick: 200ms
          targets:
            - name: db-primary
              probe: tcp
              address: "127.0.0.1:%d"
              interval: 200ms
              timeout: 150ms
              failuresToSuspect: 3
              successesToClear: 2
          quorum: { require: [probes, replication, aws-health], minSignals: 2, holdFor: 1s }
          events: { token: %s, primaryRegion: us-east-1, healthServices: [RDS] }
        """.formatted(pg.primaryUrl(), pg.standbyUrl(), deadPort, TOKEN);
  }

  private static String healthEvent(Instant at) {
    return new JsonObject()
        .put("version", "0").put("id", "it-health-1").put("detail-type", "AWS Health Event")
        .put("source", "aws.health").put("account", "123456789012").put("time", at.toString())
        // Delivered through the backup region's bus: the envelope region is not what counts.
        .put("region", "us-west-2").put("resources", new io.vertx.core.json.JsonArray())
        .put("detail", new JsonObject()
            .put("eventArn", "arn:aws:health:us-east-1::event/RDS/AWS_RDS_OPERATIONAL_ISSUE/it-1")
            .put("service", "RDS").put("eventTypeCode", "AWS_RDS_OPERATIONAL_ISSUE")
            .put("eventTypeCategory", "issue").put("eventRegion", "us-east-1")
            .put("statusCode", "open"))
        .encode();
  }

  @Test
  void shouldDeclareWhenAHealthEventPostedToTheWebhookCompletesTheQuorum(PostgresPair pg)
      throws Exception {
    try (DaemonHarness d = DaemonHarness.start(config(pg, FreePorts.pick()))) {
      Await.until(Duration.ofSeconds(15), () -> TwoObservers.suspects(d));
      JsonObject before = status(d);
      assertThat(before.getBoolean("outageDeclared")).isFalse();
      assertThat(before.getString("verdict")).isEqualTo("no outage: probes 1/1 suspect db-primary,"
          + " replication no channels mapped, aws-health none -> 1 of 2 needed");
      assertThat(target(before).getBoolean("primaryRefusing")).as("refused, not timed out").isTrue();

      HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(d.baseUrl() + "/api/v1/events"))
          .header("content-type", "application/json").header("x-api-key", TOKEN)
          .timeout(Duration.ofSeconds(5))
          .POST(HttpRequest.BodyPublishers.ofString(healthEvent(Instant.now()))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
      assertThat(new JsonObject(posted.body()).getString("outcome")).isEqualTo("accepted");

      Await.until(Duration.ofSeconds(10), () -> TwoObservers.declared(d));
      JsonObject after = status(d);
      System.out.println("declared: " + after.getString("verdict"));
      assertThat(after.getBoolean("outageDeclared")).isTrue();
      assertThat(after.getString("verdict")).startsWith("OUTAGE DECLARED: probes 1/1 suspect db-primary")
          .contains("aws-health open (RDS AWS_RDS_OPERATIONAL_ISSUE)", "2 of 2 needed");
      assertThat(target(after).getJsonObject("votes").getJsonArray("aws-health")).hasSize(1);
      assertThat(after.getJsonObject("majority").getBoolean("inMajority")).isTrue();
      assertThat(d.metric("drwatch_outage_declared")).isEqualTo(1.0);
      assertThat(d.metric("drwatch_outage_votes", "signal=aws-health")).isEqualTo(1.0);
      assertThat(d.metric("drwatch_observer_in_majority")).isEqualTo(1.0);
    }
  }

  private static JsonObject status(DaemonHarness d) throws Exception {
    return new JsonObject(d.get("/api/v1/status")).getJsonObject("detection");
  }

  private static JsonObject target(JsonObject detection) {
    return detection.getJsonArray("targets").getJsonObject(0);
  }
}
