package io.drwatch.adapter.postgres;

import io.drwatch.port.FailoverAction;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.SharedSpecs;
import io.drwatch.schema.Params;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** {@code pg-promote}: see {@link PgPromoteAction}. */
public final class PgPromoteDescriptor extends AbstractActionDescriptor<PgPromoteDescriptor.Target> {

  /** The standby to promote and how long to wait for it. */
  public record Target(URI url, Optional<String> password, int waitSeconds) {}

  public PgPromoteDescriptor() {
    super("pg-promote", "Promotes a PostgreSQL hot standby with `pg_promote(true, waitSeconds)`; done when"
        + " `pg_is_in_recovery()` is false.",
        ParamSchema.of(
            ParamSpec.url("url").asRequired().allowing("postgresql", "postgres")
                .doc("the **standby**, postgresql://user@host:port/db"),
            ParamSpec.string("password").asSecret().doc("the user's password"),
            SharedSpecs.waitSeconds(PgPromoteTarget.DEFAULT_WAIT_SECONDS, 3600,
                "how long pg_promote waits and the read-back polls pg_is_in_recovery()")),
        PgPromoteTarget.DEFAULT_WAIT_SECONDS, Speed.QUICK, false, List.of());
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.url("url"), p.optionalString("password"), p.integer("waitSeconds"));
  }

  @Override
  public FailoverAction create(KindContext context) {
    return PgPromoteAction.create(context.vertx());
  }
}
