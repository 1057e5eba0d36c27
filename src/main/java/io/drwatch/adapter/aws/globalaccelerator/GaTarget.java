package io.drwatch.adapter.aws.globalaccelerator;

import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.port.FailoverAction.Step;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The validated parameters of one {@code ga-traffic-dial} step. */
record GaTarget(String step, String endpointGroup, int dial, AwsEndpoint endpoint, Duration waitFor,
    Optional<String> accelerator) {
  /** The documented endpoint group ARN; group 1 is the accelerator's ARN. */
  private static final Pattern GROUP_ARN = Pattern.compile(
      "(arn:[a-z-]+:globalaccelerator::\\d{12}:accelerator/[^/]+)/listener/[^/]+/endpoint-group/[^/]+");

  static GaTarget of(Step step) {
    String arn = step.param("endpointGroup").strip();
    if (!arn.startsWith("arn:") || !arn.contains(":globalaccelerator:")) {
      throw new IllegalArgumentException("step " + step.id() + ": endpointGroup must be a Global Accelerator "
          + "endpoint group ARN, but was \"" + arn + "\"");
    }
    Matcher m = GROUP_ARN.matcher(arn);
    Optional<String> accelerator = m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    Optional<URI> override = Optional.ofNullable(step.params().get("endpointOverride"))
        .filter(s -> !s.isBlank()).map(s -> URI.create(s.strip()));
    AwsEndpoint endpoint = new AwsEndpoint(step.param("region", GaTrafficDialAction.CONTROL_PLANE_REGION), override);
    Duration wait = Duration.ofSeconds(step.number("waitSeconds", GaTrafficDialAction.DEFAULT_WAIT_SECONDS, 3600));
    return new GaTarget(step.id(), arn, dial(step), endpoint, wait, accelerator);
  }

  /** 0 is a valid dial (the whole point of a fence), so {@link Step#number} does not fit. */
  static int dial(Step step) {
    String text = step.param("dial").strip();
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      value = -1;
    }
    if (value < 0 || value > 100) {
      throw new IllegalArgumentException("step " + step.id() + ": dial must be a whole number between 0 and 100, "
          + "but was \"" + text + "\"");
    }
    return value;
  }

  /** The API carries the dial as a float; ours are whole numbers. */
  static boolean same(float actual, int target) {
    return Math.abs(actual - target) < 0.001f;
  }

  static String format(float dial) {
    return dial == Math.rint(dial) ? Integer.toString((int) dial) : Float.toString(dial);
  }
}
