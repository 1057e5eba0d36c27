package io.drwatch.adapter.postgres;

import io.drwatch.port.FailoverAction;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.spi.ServerPromoteDescriptor;
import java.nio.file.Path;
import java.util.List;

/** {@code pg-fence}: see {@link PgFenceAction}. */
public final class PgFenceDescriptor extends AbstractActionDescriptor<PgFenceDescriptor.Target> {
  static final int DEFAULT_WAIT_SECONDS = 30;

  /** The server to fence and whether transactions opened before the fence are ended. */
  public record Target(ServerPromoteDescriptor.Target server, boolean endOpenTransactions) {}

  public PgFenceDescriptor() {
    super("pg-fence", "Fences a PostgreSQL primary: `ALTER SYSTEM SET default_transaction_read_only = on` and a"
        + " reload; done when a new application session is read-only. drwatch's own sessions still write.",
        ParamSchema.of(
            ParamSpec.url("url").asRequired().allowing("postgresql", "postgres")
                .doc("the **primary** to fence, postgresql://user@host:port/db"),
            ParamSpec.string("password").asSecret().doc("the user's password (superuser or GRANT ALTER SYSTEM)"),
            ParamSpec.string("caFile").doc("PEM bundle the server's TLS certificate is checked against; default:"
                + " the JVM trust store"),
            ParamSpec.bool("endOpenTransactions").defaultsTo("true")
                .doc("end the sessions whose transaction began before the fence (they could still commit)"),
            SharedSpecs.waitSeconds(DEFAULT_WAIT_SECONDS, 600, "how long the read-back waits for read-only sessions")),
        DEFAULT_WAIT_SECONDS, Speed.QUICK, false, List.of());
  }

  @Override
  public Target parse(Params p) {
    return new Target(new ServerPromoteDescriptor.Target(p.url("url"),
        p.optionalString("password").filter(s -> !s.isEmpty()),
        p.optionalString("caFile").map(String::strip).filter(s -> !s.isEmpty()).map(Path::of),
        p.integer("waitSeconds")), p.bool("endOpenTransactions"));
  }

  @Override
  public FailoverAction create(KindContext context) {
    return PgFenceAction.create(context.vertx());
  }
}
