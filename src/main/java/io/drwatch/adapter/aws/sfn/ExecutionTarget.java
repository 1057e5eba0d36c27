package io.drwatch.adapter.aws.sfn;

import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.StepClients;
import io.drwatch.adapter.aws.StepPayload;
import io.drwatch.port.FailoverAction.Step;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * One sfn-start step's execution: state machine, deterministic name and ARN, input, polling.
 *
 * @param executionArn {@code arn:<partition>:states:<region>:<account>:execution:<machine>:<name>},
 *     as Step Functions forms it (also for a version- or alias-qualified state machine ARN)
 */
record ExecutionTarget(String step, String stateMachine, String name, String executionArn, String input,
    AwsEndpoint endpoint, Duration every, Duration atMost) {
  /** Step Functions' limit on execution names. */
  static final int MAX_NAME = 80;

  static ExecutionTarget of(Step step) {
    String machine = step.param("stateMachine").strip();
    String[] parts = machine.split(":");
    if (parts.length < 7 || parts.length > 8 || !parts[0].equals("arn") || !parts[2].equals("states")
        || !parts[5].equals("stateMachine")) {
      throw new IllegalArgumentException("step " + step.id() + ": stateMachine must be a state machine ARN "
          + "(arn:aws:states:<region>:<account>:stateMachine:<name>), but was \"" + machine + "\"");
    }
    String name = step.param("name", "").strip();
    if (name.isEmpty()) {
      name = defaultName(step.id(), step.runId());
    } else if (name.length() > MAX_NAME || !name.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("step " + step.id() + ": name must be 1 to 80 of A-Z a-z 0-9 - _, but was \""
          + name + "\"");
    }
    String arn = String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4]) + ":execution:" + parts[6] + ":" + name;
    return new ExecutionTarget(step.id(), machine, name, arn, input(step), StepClients.endpoint(step),
        Duration.ofMillis(step.number("pollMillis", 2000, 60_000)),
        Duration.ofSeconds(step.number("waitSeconds", 3600, 86_400)));
  }

  /**
   * {@code drwatch-<step>-<run>}: the same for a retry of the same run (so StartExecution is
   * idempotent and check finds the execution), new for the next run. Characters Step Functions
   * rejects or CloudWatch Logs dislikes become {@code _}; a name over 80 characters keeps its
   * start and ends in a checksum of the whole.
   */
  static String defaultName(String stepId, String runId) {
    String raw = "drwatch-" + stepId + (runId.isEmpty() ? "" : "-" + runId);
    String clean = raw.replaceAll("[^A-Za-z0-9_-]", "_");
    if (clean.length() <= MAX_NAME) {
      return clean;
    }
    CRC32 crc = new CRC32();
    crc.update(raw.getBytes(StandardCharsets.UTF_8));
    String sum = HexFormat.of().toHexDigits((int) crc.getValue());
    return clean.substring(0, MAX_NAME - sum.length() - 1) + "-" + sum;
  }

  static String input(Step step) {
    return StepPayload.of(step, "input");
  }

  String label() {
    return "step " + step;
  }
}
