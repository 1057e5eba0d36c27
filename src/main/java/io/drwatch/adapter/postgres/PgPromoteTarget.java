package io.drwatch.adapter.postgres;

import io.drwatch.port.FailoverAction.Step;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The parameters of one pg-promote step, checked before anything is sent:
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

  /** @throws IllegalArgumentException naming the step, the parameter and the rule */
  static PgPromoteTarget of(Step step) {
    String url = step.param("url");
    PgConnect connect;
    try {
      String caFile = step.param("caFile", "");
      connect = PgConnect.of(url, caFile.isBlank() ? Optional.empty() : Optional.of(Path.of(caFile.strip())));
    } catch (RuntimeException e) {
      // The message of the parser may quote the URL, and with it a password.
      throw new IllegalArgumentException("step " + step.id()
          + ": url must look like postgresql://user@host:port/db[?sslmode=verify-full]");
    }
    PgConnectOptions options = connect.options();
    options.setReconnectAttempts(0).setCachePreparedStatements(false);
    options.addProperty("application_name", APPLICATION_NAME);
    String password = step.param("password", "");
    if (!password.isEmpty()) {
      options.setPassword(password);
    }
    int wait = step.number("waitSeconds", DEFAULT_WAIT_SECONDS, 3600);
    String label = "postgres " + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
    return new PgPromoteTarget(options, connect, wait, label);
  }

  Duration waitLimit() {
    return Duration.ofSeconds(waitSeconds);
  }
}
