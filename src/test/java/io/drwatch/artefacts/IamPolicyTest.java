package io.drwatch.artefacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.drwatch.spi.KindRegistry;
import io.drwatch.testkit.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/iam}: each policy allows exactly the AWS operations drwatch's code calls, for its
 * role, no more and no less.
 *
 * <p>Two sources must agree: {@link IamOperations#OPERATIONS}, a table maintained by hand (operation → role and
 * why), and a scan of {@code src/main/java} for AWS SDK v2 operations actually invoked. The scan
 * finds (a) calls on variables, fields and parameters declared with an SDK client type
 * ({@code SqsAsyncClient sqs; ... sqs.receiveMessage(...)}), (b) method references on client types
 * ({@code SqsAsyncClient::close}), and (c) SDK request and paginator classes used anywhere
 * ({@code ReceiveMessageRequest} means ReceiveMessage), which also catches a client reached
 * through a lambda parameter or a getter. A new SDK call fails this test until it is in the table
 * and in the right policy; a stale table entry fails it too.
 *
 * <p>The failover role's operations come from the runbook actions: the failover policy allows exactly
 * the IAM actions their descriptors declare ({@code ActionDescriptor.iamActions}) and denies those
 * of the AWS actions not built yet; the monitor policy covers every channel kind's.
 */
class IamPolicyTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path MAIN = ROOT.resolve("src/main/java");
  private static final Path IAM = ROOT.resolve("deploy/iam");
  private static final Path MONITOR_POLICY = IAM.resolve("monitor-policy.json");
  private static final Path FAILOVER_POLICY = IAM.resolve("failover-policy.json");
  private static final Path EVENTS_TEMPLATE = ROOT.resolve("deploy/eventbridge/drwatch-events.yaml");

  /** SDK v2 service package → IAM service prefix. An SDK package not listed fails the scan. */
  private static final Map<String, String> IAM_PREFIX = Map.ofEntries(
      Map.entry("sqs", "sqs"), Map.entry("rds", "rds"), Map.entry("ec2", "ec2"),
      Map.entry("cloudwatch", "cloudwatch"), Map.entry("elasticache", "elasticache"),
      Map.entry("efs", "elasticfilesystem"), Map.entry("globalaccelerator", "globalaccelerator"),
      Map.entry("route53recoverycluster", "route53-recovery-cluster"),
      Map.entry("lambda", "lambda"), Map.entry("sfn", "states"), Map.entry("eventbridge", "events"),
      Map.entry("health", "health"), Map.entry("sts", "sts"), Map.entry("opensearch", "es"),
      Map.entry("s3", "s3"), Map.entry("sns", "sns"), Map.entry("eks", "eks"),
      Map.entry("secretsmanager", "secretsmanager"), Map.entry("ssm", "ssm"));

  /** SDK operations whose IAM action has another name. */
  private static final Map<String, String> IAM_ACTION_EXCEPTIONS = Map.of(
      "s3:ListObjectsV2", "s3:ListBucket",
      "s3:HeadObject", "s3:GetObject",
      "s3:HeadBucket", "s3:ListBucket",
      "s3:GetBucketReplication", "s3:GetReplicationConfiguration",
      "lambda:Invoke", "lambda:InvokeFunction",
      // SDK v2 spells DB as Db in class names (DescribeDbInstancesRequest), IAM does not.
      "rds:DescribeDbInstances", "rds:DescribeDBInstances",
      "rds:CreateDbInstanceReadReplica", "rds:CreateDBInstanceReadReplica");

  /** Client methods that are not service operations. */
  private static final Set<String> NOT_OPERATIONS = Set.of(
      "close", "serviceName", "serviceClientConfiguration", "waiter", "utilities", "builder",
      "create", "batchManager");

  private static final Pattern CLIENT_IMPORT = Pattern.compile(
      "(?m)^import\\s+software\\.amazon\\.awssdk\\.services\\.(\\w+)\\.(\\w+Client)\\s*;");
  private static final Pattern SDK_CLASS = Pattern.compile(
      "\\bsoftware\\.amazon\\.awssdk\\.services\\.(\\w+)\\.(?:model|paginators)\\.(\\w+?)(Request|Publisher|Iterable)\\b");
  private static final Pattern WILDCARD_IMPORT = Pattern.compile(
      "(?m)^import\\s+software\\.amazon\\.awssdk\\.services\\.[\\w.]*\\*\\s*;");

  private static final ObjectMapper JSON = new ObjectMapper();

  // ---------------------------------------------------------------------------------------------

  @Test
  void theScanFindsExactlyTheOperationsInTheTable() throws IOException {
    Map<String, Set<String>> found = scan();
    assertThat(found.keySet())
        .as("AWS operations the code calls (found in %s) must be the table's: add a new one to "
            + "IamOperations.OPERATIONS and to its policy, drop one the code no longer calls", found)
        .isEqualTo(IamOperations.OPERATIONS.keySet().stream().filter(op -> !IamOperations.SIGNED_HTTP.containsKey(op)
            && !IamOperations.SIGNED_TOKENS.containsKey(op)).collect(Collectors.toSet()));
  }

  @Test
  void signedTokensAreMadeWhereTheTableSays() throws IOException {
    for (Map.Entry<String, Map.Entry<String, String>> e : IamOperations.SIGNED_TOKENS.entrySet()) {
      assertThat(IamOperations.OPERATIONS).containsKey(e.getKey());
      StringBuilder source = new StringBuilder();
      try (Stream<Path> files = Files.list(MAIN.resolve(e.getValue().getKey()))) {
        for (Path f : files.toList()) {
          source.append(Files.readString(f));
        }
      }
      assertThat(source.toString()).as(e.getValue().getKey() + " signs " + e.getKey()).contains(e.getValue().getValue());
    }
  }

  @Test
  void signedHttpOperationsAreMadeWhereTheTableSays() throws IOException {
    for (Map.Entry<String, String> e : IamOperations.SIGNED_HTTP.entrySet()) {
      assertThat(IamOperations.OPERATIONS).containsKey(e.getKey());
      String source;
      try (Stream<Path> files = Files.list(MAIN.resolve(e.getValue()))) {
        source = files.map(f -> {
          try {
            return Files.readString(f);
          } catch (IOException x) {
            throw new java.io.UncheckedIOException(x);
          }
        }).collect(Collectors.joining("\n"));
      }
      String verb = e.getKey().substring("es:ESHttp".length()).toUpperCase(Locale.ROOT);
      assertThat(source).as(e.getValue() + " makes " + e.getKey()).contains("sigv4").contains(verb);
    }
  }

  @Test
  void failoverOperationsAreThoseOfTheRegisteredActions() {
    Set<String> byActions = KindRegistry.installed().actions().stream()
        .flatMap(a -> a.iamActions().stream()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(byActions).as("the IAM actions the action descriptors declare").isEqualTo(operationsOf(IamOperations.Role.FAILOVER));
  }

  @Test
  void monitorOperationsIncludeThoseOfEveryChannelKind() {
    KindRegistry.installed().channelKinds().forEach(k -> assertThat(operationsOf(IamOperations.Role.MONITOR))
        .as("monitor policy covers channel kind " + k.name()).containsAll(k.iamActions()));
  }

  @Test
  void monitorPolicyAllowsExactlyTheMonitorOperationsOnTheEventsQueue() throws IOException {
    JsonNode policy = readPolicy(MONITOR_POLICY);
    Set<String> expected = new TreeSet<>(operationsOf(IamOperations.Role.MONITOR));
    expected.addAll(IamOperations.ALLOWED_WITHOUT_CALL);
    assertThat(allowed(policy)).isEqualTo(expected);
    assertThat(denied(policy)).as("the monitor policy only allows").isEmpty();

    // The queue statement is scoped to the queue deploy/eventbridge creates, in any region (one
    // stack per region); the channels' statements name the resources in the README.
    String queue = YAMLMapper.builder().build().readTree(EVENTS_TEMPLATE.toFile())
        .at("/Parameters/QueueName/Default").asText();
    assertThat(queue).isNotEmpty();
    for (JsonNode statement : policy.get("Statement")) {
      if (!strings(statement.get("Action")).stream().allMatch(a -> a.startsWith("sqs:"))) {
        continue;
      }
      for (String resource : strings(statement.get("Resource"))) {
        assertThat(resource).matches("arn:aws:sqs:(\\*|[a-z]{2}(-[a-z]+)+-\\d):\\d{12}:" + Pattern.quote(queue));
      }
    }
  }

  @Test
  void failoverPolicyAllowsExactlyTheFailoverOperations() throws IOException {
    JsonNode policy = readPolicy(FAILOVER_POLICY);
    assertThat(allowed(policy)).isEqualTo(operationsOf(IamOperations.Role.FAILOVER));
    // Besides the Allow, the document holds a Deny of the promotion and traffic operations the
    // AWS actions of issue 4 not built yet will need.
    assertThat(denied(policy)).isNotEmpty()
        .contains("rds:PromoteReadReplicaDBCluster");
  }

  @Test
  void noDenyCoversAnOperationTheCodeNeeds() throws IOException {
    for (Path file : List.of(MONITOR_POLICY, FAILOVER_POLICY)) {
      List<String> denies = new ArrayList<>(denied(readPolicy(file)));
      for (String operation : IamOperations.OPERATIONS.keySet()) {
        assertThat(denies).as(file.getFileName() + " denies " + operation + ", which drwatch calls")
            .noneMatch(pattern -> wildcard(pattern).matcher(operation.toLowerCase(Locale.ROOT)).matches());
      }
    }
  }

  @Test
  void readmeDocumentsBothPolicies() throws IOException {
    String readme = Files.readString(IAM.resolve("README.md"));
    assertThat(readme).contains("monitor-policy.json", "failover-policy.json", "issue 5", "issue 4");
    IamOperations.OPERATIONS.keySet().forEach(op -> assertThat(readme).contains(op));
  }

  /** cfn-lint knows every service's IAM actions: it rejects a misspelt one (W3037). */
  @Test
  void cfnLintKnowsEveryAction(@TempDir Path dir) throws Exception {
    StringBuilder template = new StringBuilder("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n");
    for (Path file : List.of(MONITOR_POLICY, FAILOVER_POLICY)) {
      template.append("  ").append(file.getFileName().toString().startsWith("monitor") ? "Monitor" : "Failover")
          .append(":\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: ")
          .append(JSON.writeValueAsString(JSON.readTree(file.toFile()))).append('\n');
    }
    Path file = dir.resolve("policies.yaml");
    Files.writeString(file, template);
    Result r = run(List.of(Tools.cfnLint(), "--", file.toString()));
    assertThat(r.exit()).as("cfn-lint on the policies:\n" + r.output()).isZero();
  }

  // ---------------------------------------------------------------------------------------------
  // The scan

  /** IAM action ("sqs:ReceiveMessage") → the source files that call it. */
  static Map<String, Set<String>> scan() throws IOException {
    Map<String, Set<String>> found = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(MAIN)) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path file : files) {
      String src = Files.readString(file, StandardCharsets.UTF_8);
      String where = MAIN.relativize(file).toString();
      assertThat(WILDCARD_IMPORT.matcher(src).find())
          .as(where + ": import SDK classes one by one, so the scan can see them").isFalse();

      Map<String, String> clientTypes = new LinkedHashMap<>(); // type -> sdk package
      Matcher imports = CLIENT_IMPORT.matcher(src);
      while (imports.find()) {
        clientTypes.put(imports.group(2), imports.group(1));
      }
      for (Map.Entry<String, String> client : clientTypes.entrySet()) {
        String type = Pattern.quote(client.getKey());
        List<String> methods = new ArrayList<>();
        Matcher refs = Pattern.compile("\\b" + type + "\\s*(?:::|\\.)\\s*(\\w+)").matcher(src);
        while (refs.find()) {
          methods.add(refs.group(1));
        }
        Matcher vars = Pattern.compile("\\b" + type + "\\s+(\\w+)\\s*[;=,)]").matcher(src);
        Set<String> names = new TreeSet<>();
        while (vars.find()) {
          names.add(vars.group(1));
        }
        for (String name : names) {
          Matcher calls = Pattern.compile("\\b" + Pattern.quote(name) + "\\s*\\.\\s*(\\w+)\\s*\\(").matcher(src);
          while (calls.find()) {
            methods.add(calls.group(1));
          }
        }
        for (String method : methods) {
          if (!NOT_OPERATIONS.contains(method)) {
            add(found, client.getValue(), method.replaceFirst("Paginator$", ""), where);
          }
        }
      }
      Matcher classes = SDK_CLASS.matcher(src);
      while (classes.find()) {
        add(found, classes.group(1), classes.group(2), where);
      }
    }
    return found;
  }

  private static void add(Map<String, Set<String>> found, String sdkPackage, String method, String where) {
    String prefix = IAM_PREFIX.get(sdkPackage);
    assertThat(prefix).as(where + ": SDK package " + sdkPackage + " has no IAM prefix in IAM_PREFIX").isNotNull();
    String action = prefix + ":" + Character.toUpperCase(method.charAt(0)) + method.substring(1);
    found.computeIfAbsent(IAM_ACTION_EXCEPTIONS.getOrDefault(action, action), k -> new TreeSet<>()).add(where);
  }

  // ---------------------------------------------------------------------------------------------
  // Policies

  private static Set<String> operationsOf(IamOperations.Role role) {
    return IamOperations.OPERATIONS.entrySet().stream().filter(e -> e.getValue().contains(role)).map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The document, after the checks IAM itself makes plus ours (no wildcards in an Allow). */
  private static JsonNode readPolicy(Path file) throws IOException {
    JsonNode policy = JSON.readTree(file.toFile());
    String name = file.getFileName().toString();
    assertThat(policy.path("Version").asText()).as(name + " Version").isEqualTo("2012-10-17");
    JsonNode statements = policy.path("Statement");
    assertThat(statements.isArray() && !statements.isEmpty())
        .as(name + ": IAM needs at least one statement").isTrue();
    Set<String> sids = new TreeSet<>();
    for (JsonNode s : statements) {
      String sid = s.path("Sid").asText();
      assertThat(sid).as(name + " Sid").matches("[A-Za-z0-9]+");
      assertThat(sids.add(sid)).as(name + ": duplicate Sid " + sid).isTrue();
      assertThat(s.path("Effect").asText()).as(name + " " + sid + " Effect").isIn("Allow", "Deny");
      assertThat(s.has("Action")).as(name + " " + sid + ": Action (NotAction is too broad here)").isTrue();
      assertThat(s.has("NotAction") || s.has("NotResource") || s.has("Principal"))
          .as(name + " " + sid + ": an identity policy without NotAction, NotResource or Principal").isFalse();
      assertThat(strings(s.get("Resource"))).as(name + " " + sid + " Resource").isNotEmpty();
      for (String action : strings(s.get("Action"))) {
        assertThat(action).as(name + " " + sid).matches("[a-z0-9-]+:[A-Za-z0-9*]+");
        if (s.path("Effect").asText().equals("Allow")) {
          assertThat(action).as(name + " " + sid + ": no wildcard in an Allow").doesNotContain("*");
        }
      }
    }
    return policy;
  }

  private static Set<String> allowed(JsonNode policy) {
    return actions(policy, "Allow");
  }

  private static Set<String> denied(JsonNode policy) {
    return actions(policy, "Deny");
  }

  private static Set<String> actions(JsonNode policy, String effect) {
    Set<String> out = new TreeSet<>();
    for (JsonNode s : policy.get("Statement")) {
      if (s.path("Effect").asText().equals(effect)) {
        out.addAll(strings(s.get("Action")));
      }
    }
    return out;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else {
      out.add(node.asText());
    }
    return out;
  }

  /** IAM action patterns are case-insensitive with * and ? wildcards. */
  private static Pattern wildcard(String pattern) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
      re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString());
  }

  // ---------------------------------------------------------------------------------------------
  // cfn-lint

  record Result(int exit, String output) {}

  static Result run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(command + " timed out");
      }
      return new Result(p.exitValue(), out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
