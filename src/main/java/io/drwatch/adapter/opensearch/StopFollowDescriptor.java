package io.drwatch.adapter.opensearch;

import io.drwatch.port.FailoverAction;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** {@code opensearch-stop-follow}: see {@link StopFollowAction}. */
public final class StopFollowDescriptor extends AbstractActionDescriptor<StopFollowDescriptor.Target> {

  /** The follower index to make writable, and how to reach and authenticate to its cluster. */
  public record Target(URI url, String index, Optional<String> auth, Optional<String> username, Optional<String> password,
      Optional<String> region, Optional<Path> caFile, Duration timeout, Duration waitFor) {}

  public StopFollowDescriptor() {
    super("opensearch-stop-follow", "Stops cross-cluster replication of a follower index (`_stop`, irreversible: it"
        + " becomes a normal writable index) and polls `_status` until not in progress.",
        ParamSchema.of(
            ParamSpec.url("url").asRequired().doc("base url of the **follower** cluster or domain"),
            ParamSpec.string("index").asRequired().doc("the follower index"),
            ParamSpec.oneOf("auth", "basic", "sigv4", "none").doc("default basic with a password, else none"),
            ParamSpec.string("username").defaultsTo("admin").doc("the basic-auth user"),
            ParamSpec.string("password").asSecret().doc("the basic-auth password"),
            ParamSpec.string("caFile").doc("PEM bundle the https server's certificate is checked against; default:"
                + " the JVM trust store"),
            SharedSpecs.region("region", "the domain's region (sigv4, signing name es)"),
            SharedSpecs.requestTimeout(300),
            SharedSpecs.waitSeconds(60, 3600, "how long `_status` is polled")),
        60, Speed.QUICK, false, List.of("es:ESHttpGet", "es:ESHttpPost"));
  }

  @Override
  public Target parse(Params p) {
    String auth = p.optionalString("auth").orElse(p.has("password") ? "basic" : "none");
    if (auth.equals("basic") && !p.has("password")) {
      throw new ParamException("password", "required with auth basic");
    }
    if (auth.equals("sigv4") && !p.has("region")) {
      throw new ParamException("region", "required with auth sigv4");
    }
    return new Target(p.url("url"), p.string("index"), p.optionalString("auth"), text(p, "username"),
        text(p, "password"), text(p, "region"), text(p, "caFile").map(Path::of), p.seconds("timeoutSeconds"),
        p.seconds("waitSeconds"));
  }

  // Blank counts as absent, as it did when the action read its own params.
  private static Optional<String> text(Params p, String name) {
    return p.optionalString(name).filter(s -> !s.isBlank());
  }

  @Override
  public FailoverAction create(KindContext context) {
    return StopFollowAction.create(context.vertx(), context.service(AwsCredentialsProvider.class));
  }
}
