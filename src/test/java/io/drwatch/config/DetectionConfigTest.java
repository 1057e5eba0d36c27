package io.drwatch.config;

import io.drwatch.domain.ConfigNamed;
import static io.drwatch.config.ConfigErrorsTest.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.decide.SignalFamily;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DetectionConfigTest {

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

  private static DetectionConfig detection(String yaml) throws ConfigException {
    return detection(yaml, Map.of());
  }

  private static DetectionConfig detection(String yaml, Map<String, String> env)
      throws ConfigException {
    return ConfigLoader.parse(CHANNELS + yaml, env::get).detection();
  }

  private static List<String> errors(String yaml) {
    return errorsOf(CHANNELS + yaml);
  }

  private static String target(String fields) {
    return "detection:\n  targets:\n    - { name: t, " + fields + " }\n";
  }

  @Test
  void shouldReadNoDetectionAsNoTargetsAndDefaults() throws Exception {
    DetectionConfig none = detection("");

    assertThat(none).isEqualTo(DetectionConfig.none());
    assertThat(none.targets()).isEmpty();
    assertThat(none.tick()).isEqualTo(Duration.ofSeconds(1));
    assertThat(none.quorum())
        .isEqualTo(
            new QuorumConfig(
                List.of("probes", "replication"), 2, Duration.ofSeconds(5), Duration.ofSeconds(5)));
    assertThat(none.peers()).isEmpty();
    assertThat(none.peerToken()).isEmpty();
    assertThat(none.peerFreshness()).isEqualTo(Duration.ofSeconds(5));
    assertThat(none.tilt())
        .isEqualTo(
            new TiltConfig(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(30)));
    assertThat(none.events())
        .isEqualTo(
            new EventsConfig(
                Optional.empty(),
                "x-api-key",
                Optional.empty(),
                List.of("RDS", "ELASTICACHE", "EC2"),
                Duration.ofMinutes(30),
                List.of()));
    assertThat(detection("detection: {}\n")).isEqualTo(none);
    assertThat(detection("detection:\n  targets: []\n  peers: []\n")).isEqualTo(none);
  }

  @Test
  void shouldApplyTargetDefaults() throws Exception {
    DetectionConfig config = detection(target("probe: tcp, address: \"db.internal:5432\""));

    assertThat(config.targets())
        .containsExactly(
            new TargetConfig(
                "t",
                ProbeType.TCP,
                "db.internal:5432",
                Optional.empty(),
                Duration.ofSeconds(1),
                Duration.ofMillis(800),
                3,
                2,
                List.of(),
                200,
                Optional.empty()));
  }

  @Test
  void shouldCutDefaultTimeoutToAShorterInterval() throws Exception {
    assertThat(detection(target("probe: tcp, address: \"h:1\", interval: 200ms")).targets())
        .extracting(TargetConfig::timeout)
        .containsExactly(Duration.ofMillis(200));
    assertThat(detection(target("probe: tcp, address: \"h:1\", interval: 2s")).targets())
        .extracting(TargetConfig::timeout)
        .containsExactly(Duration.ofMillis(800));
    assertThat(
            detection(target("probe: tcp, address: \"h:1\", interval: 1s, timeout: 1s")).targets())
        .extracting(TargetConfig::timeout)
        .containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void shouldWriteAddressesInCanonicalForm() throws Exception {
    String yaml =
        """
        detection:
          targets:
            - { name: pg, probe: postgres, address: "postgres://drwatch@db1/app" }
            - { name: rd, probe: redis, address: "redis://cache/" }
            - { name: v6, probe: tcp, address: "[::1]:6379" }
            - { name: web, probe: http, address: "http://web:8080/health?x=1" }
          peers: ["https://obs-b.example.com/", "http://10.1.0.9:9464", "http://obs-c"]
          peerToken: t
        """;

    DetectionConfig config = detection(yaml);

    assertThat(config.targets())
        .extracting(TargetConfig::address)
        .containsExactly(
            "postgresql://drwatch@db1:5432/app",
            "redis://cache:6379",
            "[::1]:6379",
            "http://web:8080/health?x=1");
    assertThat(config.peers())
        .extracting(PeerConfig::url)
        .containsExactly(
            "https://obs-b.example.com:443", "http://10.1.0.9:9464", "http://obs-c:80");
  }

  @Test
  void shouldDefaultMinSignalsToTwoOrTheOnlyOneAndClearAfterToHoldFor() throws Exception {
    String yaml = "detection:\n  quorum: { require: [aws-health], holdFor: 0s }\n"
        + "  events: { primaryRegion: eu-west-1 }\n";

    assertThat(detection(yaml).quorum())
        .isEqualTo(new QuorumConfig(List.of("aws-health"), 1, Duration.ZERO, Duration.ZERO));
    assertThat(detection("detection:\n  quorum: { holdFor: 10s }\n").quorum())
        .isEqualTo(
            new QuorumConfig(
                List.of("probes", "replication"),
                2,
                Duration.ofSeconds(10),
                Duration.ofSeconds(10)));
    assertThat(
            detection(
                    "detection:\n  quorum: { require: [probes, replication, cloudwatch-alarm],"
                        + " minSignals: 3, clearAfter: 1m }\n")
                .quorum())
        .isEqualTo(
            new QuorumConfig(
                List.of("probes", "replication", "cloudwatch-alarm"),
                3,
                Duration.ofSeconds(5),
                Duration.ofMinutes(1)));
  }

  @Test
  void shouldTakeThePeerTokenFromItsOwnKeyOnly() throws Exception {
    String peers = "detection: { peers: [\"http://p\"], peerToken: ${P} }\n";

    assertThat(detection(peers, Map.of("P", "p")).peerToken().map(Secret::value)).contains("p");
    assertThat(detection("detection: { peers: [] }\n").peerToken()).isEmpty();
  }

  @Test
  void shouldReadPeersBoundToTheirObserverNamesBesidePlainUrls() throws Exception {
    String yaml = """
        detection:
          peers: ["http://a:9464", { url: "https://b.example/", observer: use2-a }]
          peerToken: p
        """;

    assertThat(detection(yaml).peers()).containsExactly(PeerConfig.of("http://a:9464"),
        new PeerConfig("https://b.example:443", Optional.of("use2-a")));
    assertThat(errors("""
        detection:
          peers: [{ url: "http://a", observer: x }, { url: "http://a", observer: y }, { observer: "Bad" }, 7]
          peerToken: p
        """)).containsExactly(
            "detection.peers[1].url: duplicate peer \"http://a:80\" (also detection.peers[0].url)",
            "detection.peers[2].url: required",
            "detection.peers[2].observer: must match [a-z0-9][a-z0-9-]{0,62}, was \"Bad\"",
            "detection.peers[3]: must be a string or a map, was 7");
  }

  @Test
  void shouldAcceptQueuesWithPrimaryRegion() throws Exception {
    String yaml =
        """
        detection:
          events:
            primaryRegion: us-gov-west-1
            healthServices: [RDS, MULTIPLE_SERVICES]
            sqs:
              - queueUrl: "https://sqs.eu-central-1.amazonaws.com/1/q"
                region: eu-central-1
        """;

    EventsConfig events = detection(yaml).events();

    assertThat(events.primaryRegion()).contains("us-gov-west-1");
    assertThat(events.healthServices()).containsExactly("RDS", "MULTIPLE_SERVICES");
    assertThat(events.sqs())
        .containsExactly(
            new SqsQueueConfig(
                "https://sqs.eu-central-1.amazonaws.com/1/q", "eu-central-1", Optional.empty()));
  }

  @Test
  void shouldSpellProbeTypesAsInTheConfig() {
    assertThat(ConfigNamed.allConfigNames(ProbeType.class)).isEqualTo("tcp | http | postgres | redis");
    assertThat(ConfigNamed.fromConfigName(ProbeType.class, "postgres")).contains(ProbeType.POSTGRES);
    assertThat(ConfigNamed.fromConfigName(ProbeType.class, "POSTGRES")).isEmpty();
    assertThat(ProbeType.HTTP).hasToString("http");
  }

  @Test
  void shouldOfferExactlyTheSignalFamiliesTheQuorumKnows() {
    assertThat(QuorumConfig.SIGNALS)
        .containsExactly(
            Arrays.stream(SignalFamily.values())
                .map(SignalFamily::configName)
                .toArray(String[]::new));
  }

  @Test
  void shouldKeepSecretsOutOfToString() throws Exception {
    String yaml =
        """
        detection:
          targets:
            - { name: pg, probe: postgres, address: "postgresql://u@h/db", password: pw-secret }
          peers: ["http://p"]
          peerToken: peer-secret
          events: { token: events-secret }
        """;

    String text = detection(yaml).toString();

    assertThat(text)
        .doesNotContain("secret")
        .contains("password=Optional[***]", "peerToken=Optional[***]", "token=Optional[***]");
    assertThat(DetectionConfig.none().toString())
        .contains("peerToken=Optional.empty", "EventsConfig[token=Optional.empty");
  }

  // --- errors -----------------------------------------------------------------------------------

  @Test
  void shouldRejectUnknownKeysAtEveryLevel() {
    String yaml =
        """
        detection:
          ticks: 1s
          targets:
            - { name: t, probe: tcp, address: "h:1", retries: 3 }
          quorum: { hold: 5s }
          tilt: { jump: 2s }
          events:
            tokn: x
            sqs:
              - { queueUrl: "https://q/1/q", region: us-east-1, endpoint: "http://x" }
        """;

    assertThat(errors(yaml))
        .containsExactly(
            "detection.ticks: unknown key (allowed: profile, tick, targets, quorum, peers, peerToken,"
                + " peerTokenFile, peerCaFile, peerFreshness, tilt, events)",
            "detection.targets[0].retries: unknown key (allowed: name, probe, address, password, passwordFile,"
                + " caFile, iamAuth, interval, timeout, failuresToSuspect, successesToClear, channels,"
                + " expectStatus, bodyContains)",
            "detection.quorum.hold: unknown key (allowed: require, minSignals, holdFor,"
                + " clearAfter)",
            "detection.tilt.jump: unknown key (allowed: clockJump, stall, recovery)",
            "detection.events.tokn: unknown key (allowed: token, tokenFile, header, primaryRegion,"
                + " healthServices, voteFreshness, sqs)",
            "detection.events.sqs[0].endpoint: unknown key (allowed: queueUrl, region,"
                + " endpointOverride)",
            "detection.events.primaryRegion: required when events.sqs is not empty");
  }

  @Test
  void shouldNameThePathOfWrongTypes() {
    assertThat(errors("detection: [ a ]\n"))
        .containsExactly("detection: must be a map, was a list");
    String yaml =
        """
        detection:
          tick: 1
          targets: { name: t }
          quorum: [ probes ]
          peers: "http://p"
          tilt: 2s
          events: { healthServices: RDS, sqs: [ "https://q" ] }
        """;

    assertThat(errors(yaml))
        .containsExactly(
            "detection.tick: must be a duration like 200ms, 5s, 15m, was 1",
            "detection.targets: must be a list, was a map",
            "detection.quorum: must be a map, was a list",
            "detection.peers: must be a list, was \"http://p\"",
            "detection.tilt: must be a map, was \"2s\"",
            "detection.events.healthServices: must be a list, was \"RDS\"",
            "detection.events.sqs[0]: must be a map, was \"https://q\"");
  }

  @Test
  void shouldRequireTargetNameProbeAndAddress() {
    assertThat(errors("detection:\n  targets:\n    - { interval: 1s }\n"))
        .containsExactly(
            "detection.targets[0].name: required",
            "detection.targets[0].probe: required",
            "detection.targets[0].address: required");
  }

  @Test
  void shouldApplyTheChannelNameRuleAndUniquenessToTargets() {
    String yaml =
        """
        detection:
          targets:
            - { name: Db_Primary, probe: tcp, address: "h:1" }
            - { name: db, probe: tcp, address: "h:1" }
            - { name: orders-db, probe: tcp, address: "h:1" }
            - { name: db, probe: tcp, address: "h:2" }
        """;

    assertThat(errors(yaml))
        .containsExactly(
            "detection.targets[0].name: must match [a-z0-9][a-z0-9-]{0,62}, was \"Db_Primary\"",
            "detection.targets[3].name: duplicate target name \"db\" (also detection.targets[1])");
  }

  @Test
  void shouldRejectUnknownProbe() {
    assertThat(errors(target("probe: mysql, address: \"h:1\"")))
        .containsExactly(
            "detection.targets[0].probe: must be one of tcp | http | postgres | redis,"
                + " was \"mysql\"");
  }

  @Test
  void shouldCheckTheAddressByProbe() {
    String yaml =
        """
        detection:
          targets:
            - { name: a, probe: tcp, address: "10.0.0.5" }
            - { name: b, probe: tcp, address: "10.0.0.5:0" }
            - { name: c, probe: tcp, address: "tcp://10.0.0.5:5432" }
            - { name: d, probe: http, address: "10.0.0.5:80" }
            - { name: e, probe: http, address: "ftp://h/x" }
            - { name: f, probe: http, address: "https://u:hunter2@h/health" }
            - { name: g, probe: http, address: "http://h/#top" }
            - { name: h, probe: postgres, address: "postgresql://10.0.0.5/app" }
            - { name: i, probe: redis, address: "redis://:hunter2@h:6379" }
            - { name: j, probe: postgres, address: "h:5432" }
        """;

    List<String> errors = errors(yaml);

    assertThat(String.join("\n", errors)).doesNotContain("hunter2");
    assertThat(errors)
        .containsExactly(
            "detection.targets[0].address: must be host:port, was \"10.0.0.5\"",
            "detection.targets[1].address: must be host:port with a port in 1..65535,"
                + " was \"10.0.0.5:0\"",
            "detection.targets[2].address: must be host:port, was \"tcp://10.0.0.5:5432\"",
            "detection.targets[3].address: must be http(s)://host[:port][/path],"
                + " was \"10.0.0.5:80\"",
            "detection.targets[4].address: must be http(s)://host[:port][/path],"
                + " was \"ftp://h/x\"",
            "detection.targets[5].address: must be http(s)://host[:port][/path] without user or"
                + " password, was \"https://u:***@h/health\"",
            "detection.targets[6].address: must be http(s)://host[:port][/path],"
                + " was \"http://h/#top\"",
            "detection.targets[7].address: must be postgresql://user@host:port/db[?sslmode=mode],"
                + " was \"postgresql://10.0.0.5/app\"",
            "detection.targets[8].address: must be redis[s]://[user@]host:port; put the password in the"
                + " password field, not in the url, was \"redis://:***@h:6379\"",
            "detection.targets[9].address: must be postgresql://user@host:port/db[?sslmode=mode],"
                + " was \"h:5432\"");
  }

  @Test
  void shouldRestrictPasswordToDatabasesAndHttpChecksToHttp() {
    String yaml =
        """
        detection:
          targets:
            - { name: a, probe: tcp, address: "h:1", password: pw }
            - { name: b, probe: http, address: "http://h", password: pw }
            - { name: c, probe: postgres, address: "postgresql://u@h/db", expectStatus: 200 }
            - { name: d, probe: redis, address: "redis://h", bodyContains: ok }
            - { name: e, probe: redis, address: "redis://h", password: "" }
            - { name: f, probe: http, address: "http://h", bodyContains: "" }
        """;

    assertThat(errors(yaml))
        .containsExactly(
            "detection.targets[0].password: only allowed for probe postgres or redis,"
                + " this target is tcp",
            "detection.targets[1].password: only allowed for probe postgres or redis,"
                + " this target is http",
            "detection.targets[2].expectStatus: only allowed for probe http,"
                + " this target is postgres",
            "detection.targets[3].bodyContains: only allowed for probe http, this target is redis",
            "detection.targets[4].password: must not be empty (leave the key out instead)",
            "detection.targets[5].bodyContains: must not be empty (leave the key out instead)");
  }

  @Test
  void shouldRejectTargetNumbersAndDurationsOutOfRange() {
    String yaml =
        target(
            "probe: http, address: \"http://h\", interval: 0s, timeout: -1ms,"
                + " failuresToSuspect: 0, successesToClear: 0, expectStatus: 600");

    assertThat(errors(yaml))
        .containsExactly(
            "detection.targets[0].interval: must be > 0, was 0s",
            "detection.targets[0].timeout: must be > 0, was -1ms",
            "detection.targets[0].failuresToSuspect: must be >= 1, was 0",
            "detection.targets[0].successesToClear: must be >= 1, was 0",
            "detection.targets[0].expectStatus: must be 100..599, was 600");
    assertThat(errors(target("probe: http, address: \"http://h\", expectStatus: 99")))
        .containsExactly("detection.targets[0].expectStatus: must be 100..599, was 99");
  }

  @Test
  void shouldRejectTimeoutLongerThanInterval() {
    assertThat(errors(target("probe: tcp, address: \"h:1\", timeout: 2s")))
        .containsExactly("detection.targets[0].timeout: must be <= interval (1s), was 2s");
    assertThat(errors(target("probe: tcp, address: \"h:1\", interval: 500ms, timeout: 800ms")))
        .containsExactly("detection.targets[0].timeout: must be <= interval (500ms), was 800ms");
  }

  @Test
  void shouldRejectUnknownAndRepeatedChannelsOfATarget() {
    String yaml =
        target("probe: tcp, address: \"h:1\", channels: [orders-db, payments, orders-db]");

    assertThat(errors(yaml))
        .containsExactly(
            "detection.targets[0].channels[1]: must name a channel in channels"
                + " (known: orders-db, cache), was \"payments\"",
            "detection.targets[0].channels[2]: duplicate channel \"orders-db\""
                + " (also detection.targets[0].channels[0])");
    assertThat(errors(target("probe: tcp, address: \"h:1\", channels: [cache, 7]")))
        .containsExactly("detection.targets[0].channels[1]: must be a string (quote it), was 7");
    assertThat(errors(target("probe: tcp, address: \"h:1\", channels: cache")))
        .containsExactly("detection.targets[0].channels: must be a list, was \"cache\"");
  }

  @Test
  void shouldNotCallAChannelUnknownBecauseOfItsOtherProblems() {
    String yaml =
        CHANNELS.replace("kind: redis", "kind: valkey")
            + target("probe: tcp, address: \"h:1\", channels: [cache]");

    assertThat(errorsOf(yaml))
        .containsExactly("channels[1].kind: must be one of " + ConfigNamed.allConfigNames(io.drwatch.domain.channel.ChannelKind.class) + ", was \"valkey\"");
  }

  @Test
  void shouldRejectQuorumRules() {
    assertThat(errors("detection:\n  quorum: { require: [] }\n"))
        .containsExactly("detection.quorum.require: must not be empty");
    assertThat(errors("detection:\n  quorum: { require: [probes, dns, probes] }\n"))
        .containsExactly(
            "detection.quorum.require[1]: must be one of probes | replication | aws-health"
                + " | cloudwatch-alarm, was \"dns\"",
            "detection.quorum.require[2]: duplicate signal \"probes\""
                + " (also detection.quorum.require[0])");
    assertThat(
            errors(
                "detection:\n  quorum: { minSignals: 0, holdFor: -1s, clearAfter: 1 }\n"))
        .containsExactly(
            "detection.quorum.minSignals: must be >= 1, was 0",
            "detection.quorum.holdFor: must be >= 0, was -1s",
            "detection.quorum.clearAfter: must be a duration like 200ms, 5s, 15m, was 1");
  }

  @Test
  void shouldRejectMinSignalsAboveTheRequiredSignals() {
    assertThat(errors("detection:\n  quorum: { minSignals: 3 }\n"))
        .containsExactly(
            "detection.quorum.minSignals: must be <= the number of signals in require (2),"
                + " was 3");
    assertThat(errors("detection:\n  quorum: { require: [probes], minSignals: 2 }\n"))
        .containsExactly(
            "detection.quorum.minSignals: must be <= the number of signals in require (1),"
                + " was 2");
  }

  @Test
  void shouldRejectBadAndRepeatedPeers() {
    String yaml =
        """
        detection:
          peers:
            - "http://10.1.0.9:9464"
            - "http://10.1.0.9:9464/api/v1/votes"
            - "10.1.0.10:9464"
            - "http://10.1.0.9:9464/"
            - "http://u:pw@10.1.0.11"
          peerToken: t
        """;

    assertThat(errors(yaml))
        .containsExactly(
            "detection.peers[1]: must be http(s)://host[:port] without a path,"
                + " was \"http://10.1.0.9:9464/api/v1/votes\"",
            "detection.peers[2]: must be http(s)://host[:port] without a path,"
                + " was \"10.1.0.10:9464\"",
            "detection.peers[3]: duplicate peer \"http://10.1.0.9:9464\""
                + " (also detection.peers[0])",
            "detection.peers[4]: must be http(s)://host[:port] without a path without user or"
                + " password, was \"http://u:***@10.1.0.11\"");
  }

  @Test
  void shouldRequireATokenForPeers() {
    assertThat(errors("detection: { peers: [\"http://10.1.0.9:9464\"] }\n"))
        .containsExactly(
            "detection.peerToken: required (or peerTokenFile) when peers is not empty");
    assertThat(errors("detection: { peers: [\"http://p\"], peerToken: \"\" }\n"))
        .containsExactly("detection.peerToken: must not be empty (leave the key out instead)");
    assertThat(errors("detection: { peers: [\"http://p\"], peerToken: ${NOPE} }\n"))
        .containsExactly("detection.peerToken: environment variable NOPE is not set");
  }

  @Test
  void shouldNeverShowDetectionSecrets() {
    String yaml =
        """
        detection:
          targets:
            - { name: a, probe: redis, address: "redis://h", password: [ topsecret ] }
          peerToken: 12345
          events: { token: [ topsecret ] }
        """;

    List<String> errors = errors(yaml);

    assertThat(String.join("\n", errors)).doesNotContain("topsecret", "12345");
    assertThat(errors)
        .containsExactly(
            "detection.targets[0].password: must be a string (quote it), was a list",
            "detection.peerToken: must be a string (quote it), was ***",
            "detection.events.token: must be a string (quote it), was a list");
  }

  @Test
  void shouldRejectDurationsOutOfRange() {
    String yaml =
        """
        detection:
          tick: 0s
          peerFreshness: 0ms
          tilt: { clockJump: 0s, stall: -2s, recovery: 0s }
          events: { voteFreshness: 0m }
        """;

    assertThat(errors(yaml))
        .containsExactly(
            "detection.tick: must be > 0, was 0s",
            "detection.peerFreshness: must be > 0, was 0ms",
            "detection.tilt.clockJump: must be > 0, was 0s",
            "detection.tilt.stall: must be > 0, was -2s",
            "detection.tilt.recovery: must be > 0, was 0s",
            "detection.events.voteFreshness: must be > 0, was 0m");
  }

  @Test
  void shouldRejectEventsRules() {
    String yaml =
        """
        detection:
          events:
            header: "x api key"
            primaryRegion: US-EAST-1
            healthServices: [RDS, rds, RDS]
        """;

    assertThat(errors(yaml))
        .containsExactly(
            "detection.events.header: must be an HTTP header name of letters, digits and"
                + " !#$%&'*+-.^_`|~, was \"x api key\"",
            "detection.events.primaryRegion: must be an AWS region like us-east-1,"
                + " was \"US-EAST-1\"",
            "detection.events.healthServices[1]: must match [A-Z][A-Z0-9_]{0,62}, was \"rds\"",
            "detection.events.healthServices[2]: duplicate service \"RDS\""
                + " (also detection.events.healthServices[0])");
    assertThat(errors("detection:\n  events: { healthServices: [], header: \"\" }\n"))
        .containsExactly(
            "detection.events.header: must be an HTTP header name of letters, digits and"
                + " !#$%&'*+-.^_`|~, was \"\"",
            "detection.events.healthServices: must not be empty");
  }

  @Test
  void shouldRequirePrimaryRegionForAwsHealthAndQueues() {
    String awsHealth = "detection:\n  quorum: { require: [probes, aws-health] }\n";

    assertThat(errors(awsHealth))
        .containsExactly(
            "detection.events.primaryRegion: required when quorum.require has aws-health");
    assertThat(errors(awsHealth + "  events: { token: t }\n"))
        .containsExactly(
            "detection.events.primaryRegion: required when quorum.require has aws-health");
    assertThat(
            errors(
                "detection:\n  events:\n    sqs:\n"
                    + "      - { queueUrl: \"https://q/1/q\", region: us-east-1 }\n"))
        .containsExactly("detection.events.primaryRegion: required when events.sqs is not empty");
  }

  @Test
  void shouldCheckEveryQueue() {
    String yaml =
        """
        detection:
          events:
            primaryRegion: us-east-1
            sqs:
              - { region: us-east-1 }
              - { queueUrl: "sqs://q", region: "us east" }
              - queueUrl: "https://sqs.us-east-1.amazonaws.com/1/q"
                region: us-east-1
                endpointOverride: "localhost:4566"
              - { queueUrl: "https://sqs.us-east-1.amazonaws.com/1/q", region: us-west-2 }
        """;

    assertThat(errors(yaml))
        .containsExactly(
            "detection.events.sqs[0].queueUrl: required",
            "detection.events.sqs[1].queueUrl: must be http(s)://host[:port][/path],"
                + " was \"sqs://q\"",
            "detection.events.sqs[1].region: must be an AWS region like us-east-1,"
                + " was \"us east\"",
            "detection.events.sqs[2].endpointOverride: must be http(s)://host[:port][/path],"
                + " was \"localhost:4566\"",
            "detection.events.sqs[3].queueUrl: duplicate queue"
                + " \"https://sqs.us-east-1.amazonaws.com/1/q\" (also detection.events.sqs[2])");
  }

  @Test
  void shouldReportAllDetectionErrorsTogetherAfterTheOthers() {
    String yaml =
        """
        detection:
          tick: 0s
          targets:
            - name: db-primary
              probe: postgres
              address: "postgresql://drwatch@10.0.0.5:5432/app"
              timeout: 2s
              channels: [orders-db, payments]
          quorum: { require: [probes, replication, aws-health], minSignals: 4 }
          peers: ["http://10.1.0.9:9464"]
        http: { port: 70000 }
        """;

    assertThat(errors(yaml))
        .containsExactly(
            "http.port: must be 0..65535, was 70000",
            "detection.tick: must be > 0, was 0s",
            "detection.targets[0].timeout: must be <= interval (1s), was 2s",
            "detection.targets[0].channels[1]: must name a channel in channels"
                + " (known: orders-db, cache), was \"payments\"",
            "detection.quorum.minSignals: must be <= the number of signals in require (3),"
                + " was 4",
            "detection.peerToken: required (or peerTokenFile) when peers is not empty",
            "detection.events.primaryRegion: required when quorum.require has aws-health");
  }
}
