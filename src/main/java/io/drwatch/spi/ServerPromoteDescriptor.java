package io.drwatch.spi;

import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A quick action that promotes one self-hosted server (pg-promote, redis-promote): its url, its
 * password and how long the promotion is waited for.
 */
public abstract class ServerPromoteDescriptor extends AbstractActionDescriptor<ServerPromoteDescriptor.Target> {

  /** The server to promote, the CA its certificate is checked against, and how long to wait for it. */
  public record Target(URI url, Optional<String> password, Optional<Path> caFile, int waitSeconds) {}

  /**
   * @param url the required {@code url} spec, with its schemes and doc
   * @param waitSeconds the default of {@code waitSeconds} (1 to 3600) and the action's wait
   */
  protected ServerPromoteDescriptor(String name, String summary, ParamSpec url, String passwordDoc,
      int waitSeconds, String waitDoc) {
    super(name, summary, ParamSchema.of(url, ParamSpec.string("password").asSecret().doc(passwordDoc),
        ParamSpec.string("caFile").doc("PEM bundle the server's TLS certificate is checked against; default: the"
            + " JVM trust store"),
        SharedSpecs.waitSeconds(waitSeconds, 3600, waitDoc)), waitSeconds, Speed.QUICK, false, List.of());
  }

  @Override
  public final Target parse(Params p) {
    // Blank counts as absent, as it did when the actions read their own params.
    return new Target(p.url("url"), p.optionalString("password").filter(s -> !s.isEmpty()),
        p.optionalString("caFile").map(String::strip).filter(s -> !s.isEmpty()).map(Path::of),
        p.integer("waitSeconds"));
  }
}
