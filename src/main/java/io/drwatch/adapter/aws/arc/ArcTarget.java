package io.drwatch.adapter.aws.arc;

import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.port.FailoverAction.Step;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControlState;

/** The validated parameters of one {@code arc-routing-control} step. */
record ArcTarget(String step, String routingControl, RoutingControlState state, List<AwsEndpoint> endpoints,
    Duration waitFor) {

  static ArcTarget of(Step step) {
    String arn = step.param("routingControl").strip();
    if (!arn.startsWith("arn:") || !arn.contains(":route53-recovery-control::")) {
      throw new IllegalArgumentException("step " + step.id() + ": routingControl must be a routing control ARN, "
          + "but was \"" + arn + "\"");
    }
    Duration wait = Duration.ofSeconds(step.number("waitSeconds", ArcRoutingControlAction.DEFAULT_WAIT_SECONDS, 3600));
    return new ArcTarget(step.id(), arn, state(step), endpoints(step), wait);
  }

  /** {@code On} or {@code Off}, in any case. */
  static RoutingControlState state(Step step) {
    String text = step.param("state").strip();
    for (RoutingControlState s : List.of(RoutingControlState.ON, RoutingControlState.OFF)) {
      if (s.toString().equalsIgnoreCase(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("step " + step.id() + ": state must be On or Off, but was \"" + text + "\"");
  }

  /** The cluster's Regional endpoints, each with its own Region (DescribeCluster's ClusterEndpoints). */
  static List<AwsEndpoint> endpoints(Step step) {
    List<String> urls = split(step.param("clusterEndpoints"));
    List<String> regions = split(step.param("clusterRegions"));
    if (urls.size() != regions.size()) {
      throw new IllegalArgumentException("step " + step.id() + ": clusterEndpoints has " + urls.size()
          + " entries but clusterRegions has " + regions.size() + "; they pair up in order");
    }
    List<AwsEndpoint> out = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      out.add(new AwsEndpoint(regions.get(i), Optional.of(uri(step, urls.get(i)))));
    }
    return List.copyOf(out);
  }

  private static URI uri(Step step, String text) {
    try {
      URI uri = new URI(text);
      if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // worded below
    }
    throw new IllegalArgumentException("step " + step.id() + ": clusterEndpoints entry is not an http(s) URL: \""
        + text + "\"");
  }

  private static List<String> split(String list) {
    return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
