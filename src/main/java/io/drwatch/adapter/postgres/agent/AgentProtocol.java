package io.drwatch.adapter.postgres.agent;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The wire of the PostgreSQL agent, shared by the server and by {@code pg-rebuild-standby}:
 *
 * <ul>
 *   <li>{@code POST /v1/rebuild-standby {"source": "postgresql://user@host:port/db"}}: 202
 *       {@code {"id": ...}}; 409 {@code {"error": ..., "id": running job}} while a job runs; 400 for
 *       a bad source; 401 without the bearer token;
 *   <li>{@code GET /v1/jobs/{id}}: 200 {@code {"id", "state": running|succeeded|failed, "phase",
 *       "method": rewind|basebackup, "error", "log": [...], "startedAt", "endedAt"}}; 404.
 * </ul>
 */
public final class AgentProtocol {
  public static final String REBUILD = "/v1/rebuild-standby";
  public static final String JOBS = "/v1/jobs/";
  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  /** A libpq URI without spaces or quotes, so that it is one argument and one conninfo value. */
  private static final Pattern SOURCE = Pattern.compile("postgres(ql)?://[^\\s'\"\\\\]{1,1000}");

  private AgentProtocol() {}

  /** The source as the tools take it, or empty when it is not a plain postgresql:// URI. */
  public static Optional<String> source(String text) {
    if (text == null || !SOURCE.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text);
      return uri.getHost() == null ? Optional.empty() : Optional.of(text);
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** {@code host:port} of a source, for logs and messages (never its user info). */
  public static String label(String source) {
    URI uri = URI.create(source);
    return uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort());
  }
}
