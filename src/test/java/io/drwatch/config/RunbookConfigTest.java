package io.drwatch.config;

import io.drwatch.domain.ConfigNamed;
import static io.drwatch.config.ConfigErrorsTest.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunbookConfigTest {

  private static final String CHANNELS =
      """
      channels:
        - name: orders-db
          kind: postgres
          primary: { url: "postgresql://drwatch@10.0.0.5:5432/app" }
          replica: { url: "postgresql://drwatch@10.1.0.5:5432/app" }
        - name: cache
          kind: redis
          primary: { url: "redis://10.0.0.7:6379" }
          replica: { url: "redis://10.1.0.7:6379" }
      """;


  private static DrwatchConfig config(String yaml) throws ConfigException {
    return config(yaml, Map.of());
  }

  private static DrwatchConfig config(String yaml, Map<String, String> env)
      throws ConfigException {
    return ConfigLoader.parse(CHANNELS + yaml, env::get);
  }

  private static RunbookConfig runbook(String yaml) throws ConfigException {
    return config(withToken(yaml)).runbook().orElseThrow();
  }

  private static List<String> errors(String yaml) {
    return errorsOf(CHANNELS + withToken(yaml));
  }

  private static List<String> errors(String yaml, Map<String, String> env) {
    return errorsOf(CHANNELS + withToken(yaml), env::get);
  }

  /** A runbook whose first step is {@code { id: a, <fields> }}, followed by {@code more}. */
  private static String step(String fields, String... more) {
    StringBuilder yaml =
        new StringBuilder("runbook:\n  steps:\n    - { id: a, " + fields + " }\n");
    for (String other : more) {
      yaml.append("    - { ").append(other).append(" }\n");
    }
    return yaml.toString();
  }

  @Test
  void shouldReadNoRunbookAsNoPipelineAndNoStateAsTheDefaultDirectory() throws Exception {
    DrwatchConfig config = config("");

    assertThat(config.runbook()).isEmpty();
    assertThat(config.state()).isEqualTo(StateConfig.defaults());
    assertThat(config.state().dir()).isEqualTo(Path.of("./drwatch-state"));
    assertThat(config("state: {}\n").state()).isEqualTo(StateConfig.defaults());
  }

  @Test
  void shouldApplyRunbookAndStepDefaults() throws Exception {
    RunbookConfig runbook = runbook("runbook:\n  steps:\n    - { id: a, action: pg-promote, params: { url: 'postgresql://u@h/db' } }\n");

    assertThat(runbook)
        .isEqualTo(
            new RunbookConfig(
                RunbookConfig.Mode.APPROVAL,
                Duration.ZERO,
                Duration.ofSeconds(60),
                Duration.ofMinutes(30),
                Duration.ofMinutes(10),
                Duration.ofMinutes(30),
                Optional.of(Secret.of("t")),
                List.of(
                    new StepConfig(
                        "a",
                        "pg-promote",
                        Optional.empty(),
                        List.of(),
                        Duration.ofSeconds(60),
                        0,
                        Duration.ofSeconds(30),
                        false,
                        Map.of("url", "postgresql://u@h/db"),
                        Optional.empty(),
                        false))));
    assertThat(runbook.steps().get(0).drills()).isFalse();
  }

  @Test
  void shouldReadStateDirAsWritten() throws Exception {
    assertThat(config("state: { dir: data/drwatch }\n").state().dir())
        .isEqualTo(Path.of("data/drwatch"));
    assertThat(config("state: { dir: \"${STATE:-/tmp/x}\" }\n").state().dir())
        .isEqualTo(Path.of("/tmp/x"));
    assertThat(config("state: { dir: ${STATE} }\n", Map.of("STATE", "/srv/s")).state().dir())
        .isEqualTo(Path.of("/srv/s"));
  }

  @Test
  void shouldRejectBadStateDir() {
    assertThat(errorsOf(CHANNELS + "state: { dir: \"\" }\n"))
        .containsExactly("state.dir: must not be empty (leave the key out instead)");
    assertThat(errorsOf(CHANNELS + "state: { dir: 5, path: x }\n"))
        .containsExactly(
            "state.path: unknown key (allowed: dir)",
            "state.dir: must be a string (quote it), was 5");
    assertThat(errorsOf(CHANNELS + "state: { dir: \"a\\0b\" }\n"))
        .containsExactly(
            "state.dir: must be a valid path (Nul character not allowed), was \"a\\u0000b\"");
    assertThat(errorsOf(CHANNELS + "state: /var/lib/drwatch\n"))
        .containsExactly("state: must be a map, was \"/var/lib/drwatch\"");
    assertThat(errorsOf(CHANNELS + "state: { dir: ${NOPE} }\n"))
        .containsExactly("state.dir: environment variable NOPE is not set");
  }

  @Test
  void shouldReadModes() throws Exception {
    String steps = "  steps:\n    - { id: a, action: pg-promote, params: { url: 'postgresql://u@h/db' } }\n";

    assertThat(runbook("runbook:\n  mode: auto\n" + steps).mode())
        .isEqualTo(RunbookConfig.Mode.AUTO);
    assertThat(runbook("runbook:\n  mode: approval\n" + steps).mode())
        .isEqualTo(RunbookConfig.Mode.APPROVAL);
    assertThat(RunbookConfig.Mode.AUTO).hasToString("auto");
    assertThat(ConfigNamed.fromConfigName(RunbookConfig.Mode.class, "APPROVAL")).isEmpty();
    assertThat(errors("runbook:\n  mode: yolo\n" + steps))
        .containsExactly("runbook.mode: must be one of auto | approval, was \"yolo\"");
    assertThat(errors("runbook:\n  mode: true\n" + steps))
        .containsExactly("runbook.mode: must be a string (quote it), was true");
  }

  @Test
  void shouldRejectPolicyDurationsOutOfRange() {
    String yaml =
        """
        runbook:
          maxDataLoss: -1s
          drainWait: -1ms
          cooldown: soon
          steps: [ { id: a, action: pg-promote, params: { url: 'postgresql://u@h/db' } } ]
        """;

    assertThat(errors(yaml))
        .containsExactly(
            "runbook.maxDataLoss: must be >= 0, was -1s",
            "runbook.drainWait: must be >= 0, was -1ms",
            "runbook.cooldown: must be a duration like 200ms, 5s, 15m, was \"soon\"");
  }

  @Test
  void shouldReadResumeWithinAndApprovalTimeoutAsPositiveDurations() throws Exception {
    String steps = "  steps: [ { id: a, action: pg-promote, params: { url: 'postgresql://u@h/db' } } ]\n";

    RunbookConfig runbook =
        runbook("runbook:\n  resumeWithin: 90s\n  approvalTimeout: 2h\n" + steps);

    assertThat(runbook.resumeWithin()).isEqualTo(Duration.ofSeconds(90));
    assertThat(runbook.approvalTimeout()).isEqualTo(Duration.ofHours(2));
    assertThat(errors("runbook:\n  resumeWithin: 0s\n  approvalTimeout: -5m\n" + steps))
        .containsExactly(
            "runbook.resumeWithin: must be > 0, was 0s",
            "runbook.approvalTimeout: must be > 0, was -5m");
    assertThat(errors("runbook:\n  resumeWithin: 10\n  approvalTimeout: later\n" + steps))
        .containsExactly(
            "runbook.resumeWithin: must be a duration like 200ms, 5s, 15m, was 10",
            "runbook.approvalTimeout: must be a duration like 200ms, 5s, 15m, was \"later\"");
  }

  @Test
  void shouldAcceptZeroPolicyDurations() throws Exception {
    String yaml =
        """
        runbook:
          maxDataLoss: 0s
          drainWait: 0s
          cooldown: 0s
          steps: [ { id: a, action: pg-promote, params: { url: 'postgresql://u@h/db' } } ]
        """;

    RunbookConfig runbook = runbook(yaml);

    assertThat(List.of(runbook.maxDataLoss(), runbook.drainWait(), runbook.cooldown()))
        .containsOnly(Duration.ZERO);
  }

  @Test
  void shouldRequireATokenForTheRunbookEndpoints() throws Exception {
    String steps = "  steps: [ { id: a, action: pg-promote, params: { url: 'postgresql://u@h/db' } } ]\n";

    assertThat(errorsOf(CHANNELS + "runbook:\n" + steps))
        .containsExactly(
            "runbook.token: required (or tokenFile): the operator's token for failover, approve,"
                + " cancel and re-arm");
    assertThat(errorsOf(CHANNELS + "runbook:\n  token: \"\"\n" + steps))
        .containsExactly("runbook.token: must not be empty (leave the key out instead)");
    assertThat(errorsOf(CHANNELS + "runbook:\n  token: ${NOPE}\n" + steps))
        .containsExactly("runbook.token: environment variable NOPE is not set");
    assertThat(errorsOf(CHANNELS + "runbook:\n  token: 12345\n" + steps))
        .containsExactly("runbook.token: must be a string (quote it), was ***");
    assertThat(config("runbook:\n  token: own\n" + steps).runbook().orElseThrow().token())
        .contains(Secret.of("own"));
    assertThat(runbook("runbook:\n" + steps).token()).contains(Secret.of("t"));
  }

  @Test
  void shouldRequireNonEmptyStepsOfMaps() {
    assertThat(errors("runbook: {}\n")).containsExactly("runbook.steps: required");
    assertThat(errors("runbook: { steps: [] }\n"))
        .containsExactly("runbook.steps: must not be empty");
    assertThat(errors("runbook: { steps: { id: a } }\n"))
        .containsExactly("runbook.steps: must be a list, was a map");
    assertThat(errors("runbook: { steps: [ promote-db ] }\n"))
        .containsExactly("runbook.steps[0]: must be a map, was \"promote-db\"");
    assertThat(errors("runbook: [ a ]\n")).containsExactly("runbook: must be a map, was a list");
  }

  @Test
  void shouldRejectUnknownKeysNamingTheAllowedOnes() {
    String yaml =
        "runbook:\n  mod: auto\n  steps:\n    - { id: a, action: pg-promote, params: { url: 'postgresql://u@h/db' }, timout: 1s }\n";

    assertThat(errors(yaml))
        .containsExactly(
            "runbook.mod: unknown key (allowed: mode, maxDataLoss, drainWait, cooldown,"
                + " resumeWithin, approvalTimeout, token, tokenFile, steps, reprotect, switchover)",
            "runbook.steps[0].timout: unknown key (allowed: id, action, channel, after, timeout,"
                + " retries, expected, fence, params, drill)");
  }

  @Test
  void shouldRequireStepIdAndAction() {
    assertThat(errors("runbook:\n  steps:\n    - { fence: true }\n"))
        .containsExactly("runbook.steps[0].id: required", "runbook.steps[0].action: required");
  }

  @Test
  void shouldRejectIdsThatAreNotBoundedLabelValues() {
    assertThat(errors(step("action: pg-promote, params: { url: 'postgresql://u@h/db' }").replace("id: a", "id: Promote_DB")))
        .containsExactly(
            "runbook.steps[0].id: must match [a-z0-9][a-z0-9-]{0,62}, was \"Promote_DB\"");
    assertThat(errors(step("action: pg-promote, params: { url: 'postgresql://u@h/db' }").replace("id: a", "id: " + "a".repeat(64))))
        .singleElement()
        .asString()
        .startsWith("runbook.steps[0].id: must match");
  }

  @Test
  void shouldRejectDuplicateStepIdsPointingAtTheFirst() {
    String yaml =
        step("action: pg-promote, params: { url: 'postgresql://u@h/db' }", "id: b, action: redis-promote, params: { url: 'redis://h:6379' }", "id: a, action: webhook, params: { url: 'https://h/x' }");

    assertThat(errors(yaml))
        .containsExactly(
            "runbook.steps[2].id: duplicate step id \"a\" (also runbook.steps[0])");
  }

  @Test
  void shouldRejectActionsThatAreNotKebabCase() {
    assertThat(errors(step("action: PG_Promote")))
        .containsExactly("runbook.steps[0].action: must match [a-z0-9-]+, was \"PG_Promote\"");
    assertThat(errors(step("action: \"\"")))
        .containsExactly("runbook.steps[0].action: must match [a-z0-9-]+, was \"\"");
  }

  @Test
  void shouldAcceptAnyWellFormedActionLeavingTheRegistryCheckToTheDomain() throws Exception {
    assertThat(runbook(step("action: no-such-action")).steps().get(0).action())
        .isEqualTo("no-such-action");
  }

  @Test
  void shouldRequireChannelToNameAChannel() throws Exception {
    assertThat(errors(step("action: pg-promote, params: { url: 'postgresql://u@h/db' }, channel: payments")))
        .containsExactly(
            "runbook.steps[0].channel: must name a channel in channels"
                + " (known: orders-db, cache), was \"payments\"");
    assertThat(errors(step("action: pg-promote, params: { url: 'postgresql://u@h/db' }, channel: [orders-db]")))
        .containsExactly("runbook.steps[0].channel: must be a string (quote it), was a list");
    assertThat(runbook(step("action: pg-promote, params: { url: 'postgresql://u@h/db' }, channel: cache")).steps().get(0).channel())
        .contains("cache");
  }

  @Test
  void shouldRequireAfterToNameOtherSteps() {
    String yaml =
        step(
            "action: fence, after: [a]",
            "id: b, action: pg-promote, params: { url: 'postgresql://u@h/db' }, after: [a, c, a]",
            "id: c1, action: redis-promote, params: { url: 'redis://h:6379' }, after: b");

    assertThat(errors(yaml))
        .containsExactly(
            "runbook.steps[0].after[0]: must name another step, not this one, was \"a\"",
            "runbook.steps[1].after[1]: must name a step id in runbook.steps"
                + " (known: a, b, c1), was \"c\"",
            "runbook.steps[1].after[2]: duplicate step \"a\" (also runbook.steps[1].after[0])",
            "runbook.steps[2].after: must be a list, was \"b\"");
    assertThat(errors(step("action: pg-promote, params: { url: 'postgresql://u@h/db' }, after: [7]")))
        .containsExactly("runbook.steps[0].after[0]: must be a string (quote it), was 7");
  }

  @Test
  void shouldResolveAfterToLaterStepsAndLeaveCyclesToTheDomain() throws Exception {
    RunbookConfig runbook =
        runbook(step("action: pg-promote, params: { url: 'postgresql://u@h/db' }, after: [b]", "id: b, action: fence, after: [a]"));

    assertThat(runbook.steps())
        .extracting(StepConfig::after)
        .containsExactly(List.of("b"), List.of("a"));
  }

  @Test
  void shouldNotCallAStepUnknownBecauseOfItsOtherProblems() {
    String yaml = step("action: Bad", "id: b, action: pg-promote, params: { url: 'postgresql://u@h/db' }, after: [a]", "id: a, action: x");

    assertThat(errors(yaml))
        .containsExactly(
            "runbook.steps[0].action: must match [a-z0-9-]+, was \"Bad\"",
            "runbook.steps[2].id: duplicate step id \"a\" (also runbook.steps[0])");
  }

  @Test
  void shouldRejectStepNumbersOutOfRange() {
    String yaml = step("action: pg-promote, params: { url: 'postgresql://u@h/db' }, timeout: 0s, retries: -1, expected: 0s");

    assertThat(errors(yaml))
        .containsExactly(
            "runbook.steps[0].timeout: must be > 0, was 0s",
            "runbook.steps[0].retries: must be >= 0, was -1",
            "runbook.steps[0].expected: must be > 0, was 0s");
    assertThat(errors(step("action: pg-promote, params: { url: 'postgresql://u@h/db' }, retries: 1.5, timeout: 30")))
        .containsExactly(
            "runbook.steps[0].timeout: must be a duration like 200ms, 5s, 15m, was 30",
            "runbook.steps[0].retries: must be an integer, was 1.5");
  }

  @Test
  void shouldReadFenceAsABoolean() throws Exception {
    assertThat(runbook(step("action: fence, fence: true")).steps().get(0).fence()).isTrue();
    assertThat(runbook(step("action: fence, fence: false")).steps().get(0).fence()).isFalse();
    assertThat(
            config(withToken(step("action: fence, fence: ${FENCE}")), Map.of("FENCE", "true"))
                .runbook()
                .orElseThrow()
                .steps()
                .get(0)
                .fence())
        .isTrue();
    assertThat(errors(step("action: fence, fence: \"true\"")))
        .containsExactly("runbook.steps[0].fence: must be true or false, was \"true\"");
    assertThat(errors(step("action: fence, fence: 1")))
        .containsExactly("runbook.steps[0].fence: must be true or false, was 1");
    assertThat(errors(step("action: fence, fence: ${FENCE}"), Map.of("FENCE", "yes")))
        .containsExactly("runbook.steps[0].fence: must be true or false, was \"yes\"");
  }

  @Test
  void shouldReadParamsAndDrillAsStringsInFileOrderWithSubstitution() throws Exception {
    String yaml =
        step(
            "action: webhook, params: { url: \"https://h/${P:-x}\", method: POST, body: \"8443\"},"
                + " drill: { url: \"http://127.0.0.1:8080\", body: \"\" }");

    StepConfig step =
        config(withToken(yaml), Map.of("P", "hook")).runbook().orElseThrow().steps().get(0);

    assertThat(new LinkedHashMap<>(step.params()))
        .containsExactly(
            Map.entry("url", "https://h/hook"),
            Map.entry("method", "POST"),
            Map.entry("body", "8443"));
    assertThat(step.drills()).isTrue();
    assertThat(step.drillSkip()).isFalse();
    // The drill block is the whole of the drill's params: nothing of params comes along.
    assertThat(new LinkedHashMap<>(step.drill().orElseThrow()))
        .containsExactly(Map.entry("url", "http://127.0.0.1:8080"), Map.entry("body", ""));
  }

  @Test
  void shouldReadDrillSkipAndLeaveAStepWithoutDrillOutOfDrills() throws Exception {
    RunbookConfig runbook =
        runbook(step("action: pg-promote, params: { url: 'postgresql://u@h/db' }, drill: skip", "id: b, action: redis-promote, params: { url: 'redis://h:6379' }"));

    assertThat(runbook.steps().get(0).drillSkip()).isTrue();
    assertThat(runbook.steps().get(0).drill()).isEmpty();
    assertThat(runbook.steps().get(0).drills()).isFalse();
    assertThat(runbook.steps().get(1).drillSkip()).isFalse();
    assertThat(runbook.steps().get(1).drills()).isFalse();
    assertThat(
            config(withToken(step("action: pg-promote, params: { url: 'postgresql://u@h/db' }, drill: ${D}")), Map.of("D", "skip"))
                .runbook().orElseThrow().steps().get(0).drillSkip())
        .isTrue();
  }

  @Test
  void shouldWarnOncePerStepThatWillNotDrill() throws Exception {
    List<String> warnings = new java.util.ArrayList<>();
    String yaml =
        step(
            "action: pg-promote, params: { url: 'postgresql://u@h/db' }, drill: { url: \"postgresql://d\" }",
            "id: b, action: webhook, params: { url: 'https://h/x' }, drill: skip",
            "id: promote-cache, action: redis-promote, params: { url: 'redis://h:6379' }");

    ConfigLoader.parse(CHANNELS + withToken(yaml), name -> null, warnings);

    assertThat(warnings)
        .containsExactly(
            "runbook.steps[1] (b): will not drill: drill: skip",
            "runbook.steps[2] (promote-cache): will not drill: no drill: block (add one, or"
                + " drill: skip)");
  }

  @Test
  void shouldRejectDrillThatIsNeitherParamsNorSkip() {
    assertThat(errors(step("action: pg-promote, params: { url: 'postgresql://u@h/db' }, drill: none")))
        .containsExactly(
            "runbook.steps[0].drill: must be a map of the drill's own params, or skip,"
                + " was \"none\"");
    assertThat(errors(step("action: pg-promote, params: { url: 'postgresql://u@h/db' }, drill: true")))
        .containsExactly(
            "runbook.steps[0].drill: must be a map of the drill's own params, or skip, was true");
    assertThat(errors(step("action: pg-promote, params: { url: 'postgresql://u@h/db' }, drill: {}")))
        .containsExactly(
            "runbook.steps[0].drill: must not be empty: give the drill's own params, or skip");
    assertThat(errors(step("action: pg-promote, params: { url: 'postgresql://u@h/db' }, drill: ${NOPE}")))
        .containsExactly("runbook.steps[0].drill: environment variable NOPE is not set");
  }

  @Test
  void shouldRejectParamValuesThatAreNotStrings() {
    String yaml =
        step(
            "action: webhook, params: { port: 5432, tls: true, password: 1234, url: null,"
                + " tags: [a], headers: { a: b } }, drill: { timeout: 1.5 }");

    assertThat(errors(yaml))
        .containsExactly(
            "runbook.steps[0].params.port: must be a string (quote it), was 5432",
            "runbook.steps[0].params.tls: must be a string (quote it), was true",
            "runbook.steps[0].params.password: must be a string (quote it), was ***",
            "runbook.steps[0].params.url: must be a string (quote it), was null",
            "runbook.steps[0].params.tags: must be a string (quote it), was a list",
            "runbook.steps[0].params.headers: must be a string (quote it), was a map",
            "runbook.steps[0].drill.timeout: must be a string (quote it), was 1.5");
    assertThat(errors(step("action: webhook, params: \"url=x\", drill: [ a ]")))
        .containsExactly(
            "runbook.steps[0].params: must be a map, was \"url=x\"",
            "runbook.steps[0].drill: must be a map of the drill's own params, or skip, was a list");
  }

  @Test
  void shouldReportUnsetVariablesInParamsByKeyAndNeverShowSecrets() {
    String yaml =
        step(
            "action: webhook, params: { apiKey: \"${K\", url: \"postgresql://u:topsecret@h/${X\","
                + " token: ${NOPE} }, drill: { client_secret: \"${S\" }");

    List<String> errors = errors(yaml);

    assertThat(String.join("\n", errors)).doesNotContain("topsecret", "${K", "${S");
    assertThat(errors)
        .containsExactly(
            "runbook.steps[0].params.apiKey: unterminated ${ (write $${ for a literal ${), was ***",
            "runbook.steps[0].params.url: unterminated ${ (write $${ for a literal ${), was"
                + " \"postgresql://u:***@h/${X\"",
            "runbook.steps[0].params.token: environment variable NOPE is not set",
            "runbook.steps[0].drill.client_secret: unterminated ${ (write $${ for a literal ${),"
                + " was ***");
  }

  @Test
  void shouldMaskSecretParamsAndUrlPasswordsInToString() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("url", "postgresql://u:topsecret@h/db");
    params.put("password", "p1");
    params.put("dbPassword", "p2");
    params.put("token", "p3");
    params.put("authToken", "p4");
    params.put("secret", "p5");
    params.put("client_secret", "p6");
    params.put("apiKey", "p7");
    params.put("x-api-key", "p8");
    params.put("secretArn", "arn:aws:secretsmanager:us-east-1:1:secret:s");
    params.put("tokenUrl", "https://auth/token");
    StepConfig step =
        new StepConfig(
            "a",
            "webhook",
            Optional.empty(),
            List.of(),
            Duration.ofSeconds(1),
            0,
            Duration.ofSeconds(1),
            false,
            params,
            Optional.of(Map.of("APIKEY", "p9")),
            false);

    assertThat(step.toString())
        .doesNotContain("topsecret", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9")
        .contains(
            "params={url=postgresql://u:***@h/db, password=***, dbPassword=***, token=***,"
                + " authToken=***, secret=***, client_secret=***, apiKey=***, x-api-key=***,"
                + " secretArn=arn:aws:secretsmanager:us-east-1:1:secret:s,"
                + " tokenUrl=https://auth/token}",
            "drill={APIKEY=***}");
  }

  @Test
  void shouldReportAllRunbookErrorsTogether() {
    String yaml =
        """
        runbook:
          mode: manual
          cooldown: -1m
          steps:
            - id: fence-traffic
              action: ga-traffic-dial
              fence: yes-please
              channel: payments
            - id: promote-db
              action: pg-promote
              after: [fence-trafic]
              params: { port: 5432 }
            - id: promote-db
              action: redis-promote
              params: { url: 'redis://h:6379' }
              timeout: 0s
        """;

    assertThat(errorsOf(CHANNELS + yaml))
        .containsExactly(
            "runbook.mode: must be one of auto | approval, was \"manual\"",
            "runbook.cooldown: must be >= 0, was -1m",
            "runbook.token: required (or tokenFile): the operator's token for failover, approve,"
                + " cancel and re-arm",
            "runbook.steps[0].channel: must name a channel in channels (known: orders-db, cache),"
                + " was \"payments\"",
            "runbook.steps[0].fence: must be true or false, was \"yes-please\"",
            "runbook.steps[0].params.endpointGroup: required for ga-traffic-dial",
            "runbook.steps[0].params.dial: required for ga-traffic-dial",
            "runbook.steps[1].after[0]: must name a step id in runbook.steps"
                + " (known: fence-traffic, promote-db), was \"fence-trafic\"",
            "runbook.steps[1].params.port: must be a string (quote it), was 5432",
            "runbook.steps[2].id: duplicate step id \"promote-db\" (also runbook.steps[1])",
            "runbook.steps[2].timeout: must be > 0, was 0s");
  }

  /** {@code yaml} with {@code runbook.token: t} added, unless it gives a runbook token itself. */
  static String withToken(String yaml) {
    if (yaml.contains("  token:") || yaml.contains("{ token:")) {
      return yaml;
    }
    return yaml.replaceFirst("(?m)^runbook:\\n", "runbook:\n  token: t\n")
        .replaceFirst("(?m)^runbook: \\{ ", "runbook: { token: t, ")
        .replaceFirst("(?m)^runbook: \\{}", "runbook: { token: t }");
  }
}
