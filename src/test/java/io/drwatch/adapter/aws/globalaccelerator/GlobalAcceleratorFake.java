package io.drwatch.adapter.aws.globalaccelerator;

import io.drwatch.adapter.aws.AwsJsonFake;
import io.drwatch.adapter.aws.AwsJsonFake.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stateful Global Accelerator control plane (JSON 1.1, {@code GlobalAccelerator_V20180706.*}):
 * moto has no Global Accelerator backend at all. Implements DescribeEndpointGroup,
 * UpdateEndpointGroup and DescribeAccelerator with the real response shapes. An update sets the
 * group's dial at once (as GA does) and puts its accelerator {@code IN_PROGRESS} for
 * {@link #deployAfter} DescribeAccelerator reads, then {@code DEPLOYED}. An update must carry
 * exactly the ARN and the dial: anything else would replace the group's endpoints or health checks.
 */
final class GlobalAcceleratorFake implements AutoCloseable {
  static final String ACCOUNT = "123456789012";

  final AwsJsonFake server;
  final Map<String, Float> dials = new ConcurrentHashMap<>();
  final Map<String, String> status = new ConcurrentHashMap<>();
  final Map<String, Integer> pendingReads = new ConcurrentHashMap<>();
  volatile int deployAfter = 2;

  GlobalAcceleratorFake(Vertx vertx) throws Exception {
    server = new AwsJsonFake(vertx, "1.1", "GlobalAccelerator_V20180706", Map.of(
        "DescribeEndpointGroup", this::describeGroup,
        "UpdateEndpointGroup", this::updateGroup,
        "DescribeAccelerator", this::describeAccelerator));
  }

  static String accelerator(String id) {
    return "arn:aws:globalaccelerator::" + ACCOUNT + ":accelerator/" + id;
  }

  static String group(String acceleratorId, String groupId) {
    return accelerator(acceleratorId) + "/listener/0123vxyz/endpoint-group/" + groupId;
  }

  /** A group with the given dial, its accelerator DEPLOYED. */
  String addGroup(String acceleratorId, String groupId, float dial) {
    String arn = group(acceleratorId, groupId);
    dials.put(arn, dial);
    status.put(accelerator(acceleratorId), "DEPLOYED");
    return arn;
  }

  private Reply describeGroup(JsonObject req) {
    String arn = req.getString("EndpointGroupArn");
    Float dial = dials.get(arn);
    if (dial == null) {
      return Reply.error(400, "EndpointGroupNotFoundException", "Endpoint group " + arn + " not found");
    }
    return Reply.ok(new JsonObject().put("EndpointGroup", group(arn, dial)));
  }

  private Reply updateGroup(JsonObject req) {
    if (!req.fieldNames().equals(Set.of("EndpointGroupArn", "TrafficDialPercentage"))) {
      return Reply.error(400, "InvalidArgumentException", "test fake: unexpected fields " + req.fieldNames());
    }
    String arn = req.getString("EndpointGroupArn");
    double dial = req.getDouble("TrafficDialPercentage");
    if (dial < 0 || dial > 100) {
      return Reply.error(400, "InvalidArgumentException", "TrafficDialPercentage must be between 0 and 100");
    }
    if (!dials.containsKey(arn)) {
      return Reply.error(400, "EndpointGroupNotFoundException", "Endpoint group " + arn + " not found");
    }
    dials.put(arn, (float) dial);
    String accelerator = arn.substring(0, arn.indexOf("/listener/"));
    status.put(accelerator, "IN_PROGRESS");
    pendingReads.put(accelerator, deployAfter);
    return Reply.ok(new JsonObject().put("EndpointGroup", group(arn, (float) dial)));
  }

  private Reply describeAccelerator(JsonObject req) {
    String arn = req.getString("AcceleratorArn");
    String now = status.get(arn);
    if (now == null) {
      return Reply.error(400, "AcceleratorNotFoundException", "Accelerator " + arn + " not found");
    }
    int left = pendingReads.getOrDefault(arn, 0);
    if (now.equals("IN_PROGRESS") && left <= 0) {
      now = "DEPLOYED";
      status.put(arn, now);
    }
    pendingReads.put(arn, left - 1);
    return Reply.ok(new JsonObject().put("Accelerator", new JsonObject()
        .put("AcceleratorArn", arn).put("Name", "app").put("IpAddressType", "IPV4").put("Enabled", true)
        .put("IpSets", new JsonArray().add(new JsonObject().put("IpFamily", "IPv4").put("IpAddressFamily", "IPv4")
            .put("IpAddresses", new JsonArray().add("75.2.0.1").add("99.83.0.1"))))
        .put("DnsName", "a1234567890abcdef.awsglobalaccelerator.com").put("Status", now)
        .put("CreatedTime", 1.7E9).put("LastModifiedTime", 1.7E9)));
  }

  private static JsonObject group(String arn, float dial) {
    return new JsonObject().put("EndpointGroupArn", arn).put("EndpointGroupRegion", "eu-west-1")
        .put("EndpointDescriptions", new JsonArray().add(new JsonObject()
            .put("EndpointId", "arn:aws:elasticloadbalancing:eu-west-1:" + ACCOUNT + ":loadbalancer/app/web/50dc6c495c0c9188")
            .put("Weight", 128).put("HealthState", "HEALTHY").put("ClientIPPreservationEnabled", true)))
        .put("TrafficDialPercentage", dial).put("HealthCheckPort", 443).put("HealthCheckProtocol", "TCP")
        .put("HealthCheckIntervalSeconds", 30).put("ThresholdCount", 3);
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
