package io.drwatch.adapter.aws.sfn;

import io.drwatch.adapter.aws.LoopbackAwsFake;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Step Functions' JSON 1.0 protocol ({@code X-Amz-Target: AWSStepFunctions.<Op>}) for {@code
 * StartExecution} and {@code DescribeExecution}, for what moto 5.2.1 cannot be made to do:
 * answer throttling and 5xx on demand, answer slowly, and end an execution TIMED_OUT. moto
 * covers the rest (see SfnStartActionTest). An execution is RUNNING for {@code runningDescribes}
 * describes, then ends with the configured status.
 */
final class FakeSfn extends LoopbackAwsFake {
  private static final String JSON = "application/x-amz-json-1.0";

  private final Map<String, JsonObject> executions = new LinkedHashMap<>();
  private final Map<String, Integer> describesLeft = new LinkedHashMap<>();
  private String endStatus = "SUCCEEDED";
  private int runningDescribes = 1;

  FakeSfn() throws IOException {}

  synchronized void endWith(String status, int afterDescribes) {
    endStatus = status;
    runningDescribes = afterDescribes;
  }

  static Reply error(int status, String type, String message) {
    return new Reply(status, Map.of("Content-Type", JSON), new JsonObject().put("__type", type)
        .put("message", message).encode());
  }

  @Override
  protected synchronized Reply answer(Request r) {
    String target = r.headers().getOrDefault("x-amz-target", "");
    if (!r.method().equals("POST") || !r.headers().getOrDefault("content-type", "").startsWith(JSON)) {
      return error(400, "SerializationException", "expected a JSON 1.0 POST");
    }
    JsonObject body = new JsonObject(r.body());
    return switch (target) {
      case "AWSStepFunctions.StartExecution" -> start(body);
      case "AWSStepFunctions.DescribeExecution" -> describe(body.getString("executionArn"));
      default -> error(400, "UnknownOperationException", target);
    };
  }

  private Reply start(JsonObject body) {
    String machine = body.getString("stateMachineArn");
    String arn = machine.replace(":stateMachine:", ":execution:") + ":" + body.getString("name");
    JsonObject existing = executions.get(arn);
    if (existing != null && !(existing.getString("status").equals("RUNNING")
        && existing.getString("input").equals(body.getString("input")))) {
      return error(400, "ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
    }
    if (existing == null) {
      executions.put(arn, new JsonObject().put("executionArn", arn).put("stateMachineArn", machine)
          .put("name", body.getString("name")).put("status", "RUNNING").put("startDate", 1.7643e9)
          .put("input", body.getString("input")));
      describesLeft.put(arn, runningDescribes);
    }
    return new Reply(200, Map.of("Content-Type", JSON),
        new JsonObject().put("executionArn", arn).put("startDate", 1.7643e9).encode());
  }

  private Reply describe(String arn) {
    JsonObject e = executions.get(arn);
    if (e == null) {
      return error(400, "ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }
    int left = describesLeft.merge(arn, -1, Integer::sum);
    if (left < 0 && e.getString("status").equals("RUNNING")) {
      e.put("status", endStatus).put("stopDate", 1.7643e9);
      if (endStatus.equals("TIMED_OUT")) {
        e.put("error", "States.Timeout").put("cause", "The execution timed out after 300 s.");
      }
    }
    return new Reply(200, Map.of("Content-Type", JSON), e.encode());
  }
}
