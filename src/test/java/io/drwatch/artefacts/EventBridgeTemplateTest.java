package io.drwatch.artefacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.drwatch.adapter.http.events.EventsWebhook;
import io.drwatch.app.ingest.EventEnvelopes;
import io.drwatch.config.EventsConfig;
import io.drwatch.domain.detect.EventOutcome;
import io.drwatch.domain.detect.HealthEvents;
import io.drwatch.domain.event.EventEnvelope;
import io.drwatch.testkit.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/eventbridge/drwatch-events.yaml}, the CloudFormation stack deployed in the primary
 * and the backup region. The template uses long-form intrinsics only, so it is plain YAML: Jackson
 * parses it and the test checks the resources, the event patterns and the targets, and ties them
 * to the code (webhook path, API-key header, Health services, vote freshness). Sample AWS Health,
 * RDS and alarm events go through the rule patterns (a small matcher for the exact-value patterns
 * the template uses) and, for Health, through drwatch's own {@link HealthEvents}: what the rule
 * forwards is what drwatch counts. cfn-lint, when installed, must accept the template.
 */
class EventBridgeTemplateTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path TEMPLATE = ROOT.resolve("deploy/eventbridge/drwatch-events.yaml");
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> RULES = List.of("HealthRule", "RdsRule", "AlarmRule");

  private static JsonNode template() throws IOException {
    return YAML.readTree(TEMPLATE.toFile());
  }

  private static JsonNode resource(String name) throws IOException {
    JsonNode r = template().at("/Resources/" + name);
    assertThat(r.isObject()).as("resource " + name).isTrue();
    return r;
  }

  @Test
  void plainYamlWithLongFormIntrinsicsOnly() throws IOException {
    // Jackson reads a short-form tag such as "!Ref X" as the plain string "X", silently: refuse them.
    Pattern shortForm = Pattern.compile("(^|[\\s\\[{,:-])!(Ref|Sub|GetAtt|If|Join|Not|Equals|And|Or|Select|Split"
        + "|FindInMap|ImportValue|Base64|Cidr|GetAZs|Condition|Transform)\\b");
    List<String> lines = Files.readAllLines(TEMPLATE);
    for (int i = 0; i < lines.size(); i++) {
      String code = lines.get(i).replaceFirst("^\\s*#.*$", "");
      assertThat(shortForm.matcher(code).find()).as("line " + (i + 1) + ": " + lines.get(i)).isFalse();
    }
    JsonNode t = template();
    assertThat(t.get("AWSTemplateFormatVersion").asText()).isEqualTo("2010-09-09");
    assertThat(t.get("Description").asText()).contains("primary region AND in the backup region");
  }

  @Test
  void resources() throws IOException {
    Map<String, List<String>> byType = new TreeMap<>();
    template().get("Resources").properties().forEach(e ->
        byType.computeIfAbsent(e.getValue().get("Type").asText(), k -> new ArrayList<>()).add(e.getKey()));
    assertThat(byType).containsOnly(
        Map.entry("AWS::Events::Rule", RULES),
        Map.entry("AWS::SQS::Queue", List.of("EventsQueue", "DeliveryDeadLetterQueue")),
        Map.entry("AWS::SQS::QueuePolicy", List.of("EventsQueuePolicy")),
        Map.entry("AWS::Events::Connection", List.of("ApiKeyConnection")),
        Map.entry("AWS::Events::ApiDestination", List.of("EventsApiDestination")),
        Map.entry("AWS::IAM::Role", List.of("ApiDestinationRole")));
    assertThat(resource("AlarmRule").get("Condition").asText()).isEqualTo("HasAlarms");
    assertThat(resource("EventsQueue").at("/Properties/QueueName")).isEqualTo(ref("QueueName"));
    assertThat(resource("EventsQueue").at("/Properties/SqsManagedSseEnabled").asBoolean()).isTrue();
  }

  @Test
  void parametersMatchDrwatchsDefaults() throws IOException {
    JsonNode p = template().get("Parameters");
    assertThat(p.at("/ApiKey/NoEcho").asBoolean()).isTrue();
    assertThat(p.at("/QueueName/Default").asText()).isEqualTo("drwatch-events");
    assertThat(List.of(p.at("/HealthServices/Default").asText().split(",")))
        .isEqualTo(EventsConfig.defaults().healthServices());
    assertThat(p.at("/AlarmNames/Default").asText()).isEmpty();

    Pattern region = Pattern.compile(p.at("/PrimaryRegion/AllowedPattern").asText());
    assertThat(region.matcher("us-east-1").matches()).isTrue();
    assertThat(region.matcher("US-EAST-1").matches()).isFalse();
    Pattern url = Pattern.compile(p.at("/DrwatchBaseUrl/AllowedPattern").asText());
    assertThat(url.matcher("https://drwatch.example.com").matches()).isTrue();
    assertThat(url.matcher("https://example.com/drwatch").matches()).isTrue();
    assertThat(url.matcher("https://drwatch.example.com/").matches()).as("trailing slash").isFalse();
    assertThat(url.matcher("http://drwatch.example.com").matches()).as("API destinations need HTTPS").isFalse();
  }

  @Test
  void healthRuleForwardsIssuesAboutThePrimaryRegion() throws IOException {
    JsonNode rule = resource("HealthRule").get("Properties");
    JsonNode pattern = rule.get("EventPattern");
    assertThat(rule.get("State").asText()).isEqualTo("ENABLED");
    assertThat(pattern.get("source")).isEqualTo(array("aws.health"));
    assertThat(pattern.get("detail-type")).isEqualTo(array("AWS Health Event"));
    assertThat(pattern.at("/detail/eventTypeCategory")).isEqualTo(array("issue"));
    assertThat(pattern.at("/detail/service")).isEqualTo(ref("HealthServices"));
    assertThat(pattern.at("/detail/eventRegion/0")).isEqualTo(ref("PrimaryRegion"));
  }

  @Test
  void rdsAndAlarmRules() throws IOException {
    JsonNode rds = resource("RdsRule").at("/Properties/EventPattern");
    assertThat(rds.get("source")).isEqualTo(array("aws.rds"));
    assertThat(rds.get("detail-type")).isEqualTo(array("RDS DB Instance Event", "RDS DB Cluster Event"));
    JsonNode alarm = resource("AlarmRule").at("/Properties/EventPattern");
    assertThat(alarm.get("source")).isEqualTo(array("aws.cloudwatch"));
    assertThat(alarm.get("detail-type")).isEqualTo(array("CloudWatch Alarm State Change"));
    assertThat(alarm.at("/detail/alarmName")).isEqualTo(ref("AlarmNames"));
  }

  @Test
  void everyRuleTargetsTheQueueAndTheApiDestination() throws IOException {
    long freshness = EventsConfig.defaults().voteFreshness().toSeconds();
    for (String name : RULES) {
      JsonNode targets = resource(name).at("/Properties/Targets");
      assertThat(targets.size()).as(name).isEqualTo(2);
      Set<String> ids = new HashSet<>();
      for (JsonNode t : targets) {
        assertThat(ids.add(t.get("Id").asText())).as(name + " target ids unique").isTrue();
        assertThat(t.at("/DeadLetterConfig/Arn")).isEqualTo(getAtt("DeliveryDeadLetterQueue", "Arn"));
        assertThat(t.at("/RetryPolicy/MaximumEventAgeInSeconds").asLong())
            .as("an event older than the vote freshness would not vote").isEqualTo(freshness);
      }
      assertThat(targets.get(0).get("Arn")).as(name).isEqualTo(getAtt("EventsQueue", "Arn"));
      assertThat(targets.get(0).has("RoleArn")).as("SQS targets use the queue policy").isFalse();
      assertThat(targets.get(1).get("Arn")).as(name).isEqualTo(getAtt("EventsApiDestination", "Arn"));
      assertThat(targets.get(1).get("RoleArn")).as(name).isEqualTo(getAtt("ApiDestinationRole", "Arn"));
    }
  }

  @Test
  void queuePolicyLetsOnlyThisStacksRulesSend() throws IOException {
    JsonNode props = resource("EventsQueuePolicy").get("Properties");
    assertThat(props.get("Queues")).contains(ref("EventsQueue"), ref("DeliveryDeadLetterQueue"));
    JsonNode statement = props.at("/PolicyDocument/Statement/0");
    assertThat(props.at("/PolicyDocument/Statement").size()).isEqualTo(1);
    assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
    assertThat(statement.at("/Principal/Service").asText()).isEqualTo("events.amazonaws.com");
    assertThat(statement.get("Action").asText()).isEqualTo("sqs:SendMessage");
    assertThat(statement.get("Resource")).contains(getAtt("EventsQueue", "Arn"), getAtt("DeliveryDeadLetterQueue", "Arn"));
    JsonNode sources = statement.at("/Condition/ArnEquals/aws:SourceArn");
    assertThat(sources).contains(getAtt("HealthRule", "Arn"), getAtt("RdsRule", "Arn"));
    // The alarm rule exists only with AlarmNames, and so does its entry.
    assertThat(sources.get(2).at("/Fn::If/0").asText()).isEqualTo("HasAlarms");
    assertThat(sources.get(2).at("/Fn::If/1")).isEqualTo(getAtt("AlarmRule", "Arn"));
  }

  @Test
  void apiDestinationPostsToTheWebhookWithTheApiKey() throws IOException {
    JsonNode connection = resource("ApiKeyConnection").get("Properties");
    assertThat(connection.get("AuthorizationType").asText()).isEqualTo("API_KEY");
    assertThat(connection.at("/AuthParameters/ApiKeyAuthParameters/ApiKeyName").asText())
        .isEqualTo(EventsConfig.defaults().header()).isEqualTo("x-api-key");
    assertThat(connection.at("/AuthParameters/ApiKeyAuthParameters/ApiKeyValue")).isEqualTo(ref("ApiKey"));

    JsonNode destination = resource("EventsApiDestination").get("Properties");
    assertThat(destination.get("ConnectionArn")).isEqualTo(getAtt("ApiKeyConnection", "Arn"));
    assertThat(destination.get("HttpMethod").asText()).isEqualTo("POST");
    assertThat(destination.at("/InvocationEndpoint/Fn::Sub").asText())
        .isEqualTo("${DrwatchBaseUrl}" + EventsWebhook.PATH);

    JsonNode role = resource("ApiDestinationRole").get("Properties");
    JsonNode trust = role.at("/AssumeRolePolicyDocument/Statement/0");
    assertThat(trust.at("/Principal/Service").asText()).isEqualTo("events.amazonaws.com");
    assertThat(trust.get("Action").asText()).isEqualTo("sts:AssumeRole");
    JsonNode allow = role.at("/Policies/0/PolicyDocument/Statement");
    assertThat(allow.size()).isEqualTo(1);
    assertThat(allow.at("/0/Action").asText()).isEqualTo("events:InvokeApiDestination");
    assertThat(allow.at("/0/Resource")).isEqualTo(getAtt("EventsApiDestination", "Arn"));
  }

  /** What the Health rule forwards, drwatch counts; what it drops, drwatch would ignore anyway. */
  @Test
  void sampleEventsThroughThePatternsAndDrwatch() throws Exception {
    Map<String, JsonNode> params = Map.of(
        "PrimaryRegion", JSON.valueToTree("us-east-1"),
        "HealthServices", JSON.valueToTree(EventsConfig.defaults().healthServices()),
        "AlarmNames", JSON.valueToTree(List.of("orders-db-down")));
    JsonNode health = resource("HealthRule").at("/Properties/EventPattern");

    // An open RDS issue in us-east-1, delivered through the backup region's bus (us-west-2).
    String open = healthEvent("e-1", "issue", "RDS", "us-east-1");
    assertThat(matches(health, JSON.readTree(open), params)).isTrue();
    HealthEvents drwatch = new HealthEvents(HealthEvents.Config.of("us-east-1",
        Set.copyOf(EventsConfig.defaults().healthServices())));
    EventEnvelope envelope = EventEnvelopes.parse(open);
    assertThat(drwatch.accept(envelope, envelope.time().plusSeconds(1)).kind())
        .isEqualTo(EventOutcome.Kind.ACCEPTED);

    for (String other : List.of(
        healthEvent("e-2", "scheduledChange", "RDS", "us-east-1"),
        healthEvent("e-3", "issue", "RDS", "eu-west-1"),
        healthEvent("e-4", "issue", "S3", "us-east-1"))) {
      assertThat(matches(health, JSON.readTree(other), params)).as(other).isFalse();
      EventEnvelope e = EventEnvelopes.parse(other);
      assertThat(drwatch.accept(e, e.time().plusSeconds(1)).kind()).as(other).isEqualTo(EventOutcome.Kind.IGNORED);
    }

    JsonNode rds = JSON.readTree("{\"source\":\"aws.rds\",\"detail-type\":\"RDS DB Instance Event\","
        + "\"detail\":{\"EventCategories\":[\"failover\"],\"SourceIdentifier\":\"orders-db\"}}");
    assertThat(matches(resource("RdsRule").at("/Properties/EventPattern"), rds, params)).isTrue();
    JsonNode alarm = JSON.readTree("{\"source\":\"aws.cloudwatch\",\"detail-type\":\"CloudWatch Alarm State Change\","
        + "\"detail\":{\"alarmName\":\"orders-db-down\",\"state\":{\"value\":\"ALARM\"}}}");
    assertThat(matches(resource("AlarmRule").at("/Properties/EventPattern"), alarm, params)).isTrue();
    assertThat(matches(health, alarm, params)).isFalse();
  }

  @Test
  void readmeSaysWhereToDeploy() throws IOException {
    String readme = Files.readString(TEMPLATE.resolveSibling("README.md"));
    assertThat(readme).contains("drwatch-events.yaml", "us-west-2", "--region", "PrimaryRegion",
        "ApiKey", "monitor-policy.json");
  }

  @Test
  void cfnLintAcceptsTheTemplate() throws Exception {
    IamPolicyTest.Result r = IamPolicyTest.run(
        List.of(Tools.cfnLint(), "--regions", "us-east-1", "us-west-2", "--", TEMPLATE.toString()));
    assertThat(r.exit()).as("cfn-lint:\n" + r.output()).isZero();
  }

  // ---------------------------------------------------------------------------------------------

  private static String healthEvent(String id, String category, String service, String eventRegion) {
    return """
        {"version": "0", "id": "%s", "detail-type": "AWS Health Event", "source": "aws.health",
         "account": "111122223333", "time": "2026-11-25T23:50:00Z", "region": "us-west-2",
         "resources": [],
         "detail": {"eventArn": "arn:aws:health:%s::event/%s/AWS_%s_OPERATIONAL_ISSUE/%s",
           "service": "%s", "eventTypeCode": "AWS_%s_OPERATIONAL_ISSUE", "eventTypeCategory": "%s",
           "eventScopeCode": "PUBLIC", "eventRegion": "%s", "statusCode": "open",
           "startTime": "Wed, 25 Nov 2026 23:45:00 GMT",
           "eventDescription": [{"language": "en_US", "latestDescription": "Increased error rates"}]}}
        """.formatted(id, eventRegion, service, service, id, service, service, category, eventRegion);
  }

  /**
   * EventBridge matching for the pattern forms this template uses: a list of exact values (the
   * event's value, or any element of it when it is a list, must be one of them), a nested object,
   * and {@code {Ref: Parameter}} resolved from {@code params}.
   */
  private static boolean matches(JsonNode pattern, JsonNode event, Map<String, JsonNode> params) {
    for (Map.Entry<String, JsonNode> field : pattern.properties()) {
      JsonNode expected = field.getValue();
      if (expected.has("Ref")) {
        expected = params.get(expected.get("Ref").asText());
        assertThat(expected).as("parameter " + field.getValue()).isNotNull();
      }
      JsonNode actual = event.get(field.getKey());
      if (actual == null) {
        return false;
      }
      if (expected.isObject()) {
        if (!matches(expected, actual, params)) {
          return false;
        }
        continue;
      }
      Set<String> allowed = new HashSet<>();
      for (JsonNode v : expected) {
        allowed.add((v.has("Ref") ? params.get(v.get("Ref").asText()) : v).asText());
      }
      List<JsonNode> values = new ArrayList<>();
      if (actual.isArray()) {
        actual.forEach(values::add);
      } else {
        values.add(actual);
      }
      if (values.stream().noneMatch(v -> allowed.contains(v.asText()))) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode ref(String name) {
    return JSON.createObjectNode().put("Ref", name);
  }

  private static JsonNode getAtt(String resource, String attribute) {
    return JSON.createObjectNode().set("Fn::GetAtt", array(resource, attribute));
  }

  private static JsonNode array(String... values) {
    return JSON.valueToTree(List.of(values));
  }
}
