package io.drwatch.adapter.postgres;

import io.drwatch.port.FailoverAction;
import io.drwatch.schema.ParamSpec;
import io.drwatch.spi.KindContext;
import io.drwatch.spi.ServerPromoteDescriptor;

/** {@code pg-promote}: see {@link PgPromoteAction}. */
public final class PgPromoteDescriptor extends ServerPromoteDescriptor {

  public PgPromoteDescriptor() {
    super("pg-promote", "Promotes a PostgreSQL hot standby with `pg_promote(true, waitSeconds)`; done when"
        + " `pg_is_in_recovery()` is false.",
        ParamSpec.url("url").asRequired().allowing("postgresql", "postgres")
            .doc("the **standby**, postgresql://user@host:port/db"),
        "the user's password",
        PgPromoteTarget.DEFAULT_WAIT_SECONDS, "how long pg_promote waits and the read-back polls pg_is_in_recovery()");
  }

  @Override
  public FailoverAction create(KindContext context) {
    return PgPromoteAction.create(context.vertx());
  }
}
