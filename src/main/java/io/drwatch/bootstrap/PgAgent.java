package io.drwatch.bootstrap;

import io.drwatch.adapter.postgres.agent.AgentServer;
import io.drwatch.config.AgentConfig;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * {@code drwatch agent}, and the agents {@code drwatch lab} hosts for its own servers: a Vert.x of
 * its own and the agent's listener on it.
 */
public final class PgAgent implements AutoCloseable {
  private final Vertx vertx;
  private final AgentServer server;

  private PgAgent(Vertx vertx, AgentServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** Returns once the listener is bound; fails (and frees everything) when it cannot be. */
  public static PgAgent start(AgentConfig config) throws Exception {
    if ("root".equals(System.getProperty("user.name")) && config.runAs().isEmpty()) {
      // pg_ctl and pg_rewind refuse root; better said now than in the first rebuild's log.
      throw new IllegalArgumentException("the agent runs as root: the PostgreSQL tools refuse that. Run it as the"
          + " data directory's owner (postgres), or set runAs: postgres");
    }
    Vertx vertx = Vertx.vertx();
    try {
      return new PgAgent(vertx, AgentServer.start(vertx, config).await(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      vertx.close().await(10, TimeUnit.SECONDS);
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() throws Exception {
    try {
      server.close().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
