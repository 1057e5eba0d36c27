package io.drwatch.adapter.postgres;

import io.drwatch.port.FailoverAction;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.spi.ServerPromoteDescriptor;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code pg-rebuild-standby}: see {@link PgRebuildAction}. */
public final class PgRebuildDescriptor extends AbstractActionDescriptor<PgRebuildDescriptor.Target> {
  static final int DEFAULT_WAIT_SECONDS = 600;

  /**
   * The agent to ask, the source the node follows, and the node to verify.
   *
   * @param node the rebuilt server as drwatch reaches it ({@code url}, {@code password}, {@code caFile})
   */
  public record Target(URI agent, String token, Optional<Path> agentCaFile, URI source,
      ServerPromoteDescriptor.Target node, Duration requestTimeout) {}

  public PgRebuildDescriptor() {
    super("pg-rebuild-standby", "Asks the drwatch agent on a PostgreSQL host to rebuild its server as a standby of"
        + " `source` (pg_rewind, else a fresh pg_basebackup); done when `url` is in recovery and streams from"
        + " `source`.",
        ParamSchema.of(
            ParamSpec.url("agent").asRequired().doc("the agent on the node's host, https://host:9470"),
            ParamSpec.string("token").asRequired().asSecret().doc("the agent's bearer token"),
            ParamSpec.string("agentCaFile").doc("PEM bundle the agent's certificate is checked against; default:"
                + " the JVM trust store"),
            ParamSpec.url("source").asRequired().allowing("postgresql", "postgres")
                .doc("the new **primary** as the node's host reaches it, postgresql://user@host:port/db (no"
                    + " password: the host's .pgpass)"),
            ParamSpec.url("url").asRequired().allowing("postgresql", "postgres")
                .doc("the node being rebuilt as drwatch reaches it, to verify"),
            ParamSpec.string("password").asSecret().doc("the password for `url`"),
            ParamSpec.string("caFile").doc("PEM bundle `url`'s TLS certificate is checked against"),
            SharedSpecs.requestTimeout(60),
            SharedSpecs.waitSeconds(DEFAULT_WAIT_SECONDS, 86_400,
                "bound of the rebuild job and of the wait for streaming")),
        DEFAULT_WAIT_SECONDS, Speed.LONG, false, List.of());
  }

  @Override
  public Target parse(Params p) {
    ServerPromoteDescriptor.Target node = new ServerPromoteDescriptor.Target(p.url("url"),
        text(p, "password"), text(p, "caFile").map(Path::of), p.integer("waitSeconds"));
    return new Target(p.url("agent"), p.string("token"), text(p, "agentCaFile").map(Path::of), p.url("source"),
        node, p.seconds("timeoutSeconds"));
  }

  private static Optional<String> text(Params p, String name) {
    return p.optionalString(name).map(String::strip).filter(s -> !s.isEmpty());
  }

  @Override
  public FailoverAction create(KindContext context) {
    return PgRebuildAction.create(context.vertx());
  }
}
