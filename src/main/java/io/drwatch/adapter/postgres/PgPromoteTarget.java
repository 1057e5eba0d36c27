package io.drwatch.adapter.postgres;

import io.drwatch.spi.ServerPromoteDescriptor;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;

/**
 * The parameters of one pg-promote step, as the driver takes them; read by {@link PgPromoteDescriptor}:
 *
 * <ul>
 *   <li>{@code url}: {@code postgresql://user@host:port/db[?sslmode=mode]} of the standby (required);
 *   <li>{@code caFile}: optional PEM bundle for the server's certificate (see {@link PgConnect});
 *   <li>{@code password}: optional, never shown in messages; {@code passwordFile} is read per call;
 *   <li>{@code waitSeconds}: how long {@code pg_promote} waits and {@code await} polls, 1-3600,
 *       default 60.
 * </ul>
 */
record PgPromoteTarget(PgConnectOptions options, PgConnect connect, int waitSeconds, String label) {
  static final int DEFAULT_WAIT_SECONDS = 60;
  private static final String APPLICATION_NAME = "drwatch-pg-promote";

  /**
   * The driver's options for a target its descriptor has read.
   *
   * @throws IllegalArgumentException naming the step, when the driver refuses the url
   */
  static PgPromoteTarget of(String stepId, ServerPromoteDescriptor.Target target) {
    PgConnect connect;
    try {
      connect = PgConnect.of(target.url().toString(), target.caFile());
    } catch (RuntimeException e) {
      // The message of the parser may quote the URL, and with it a password.
      throw new IllegalArgumentException("step " + stepId
          + ": url must look like postgresql://user@host:port/db[?sslmode=verify-full]");
    }
    PgConnectOptions options = connect.options();
    options.setReconnectAttempts(0).setCachePreparedStatements(false);
    options.addProperty("application_name", APPLICATION_NAME);
    target.password().ifPresent(options::setPassword);
    String label = "postgres " + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
    return new PgPromoteTarget(options, connect, target.waitSeconds(), label);
  }

  Duration waitLimit() {
    return Duration.ofSeconds(waitSeconds);
  }
}
