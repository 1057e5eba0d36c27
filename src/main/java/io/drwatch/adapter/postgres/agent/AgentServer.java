package io.drwatch.adapter.postgres.agent;

import io.drwatch.config.AgentConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The PostgreSQL agent's HTTP listener (see {@link AgentProtocol}): one operation, rebuild the local
 * server as a standby, behind a bearer token. One job at a time, on a worker thread of its own, so
 * the event loop only answers requests.
 */
public final class AgentServer {
  private static final int MAX_BODY = 4096;

  private final Vertx vertx;
  private final AgentConfig config;
  private final WorkerExecutor worker;
  private final Rebuild rebuild;
  private final Clock clock;
  private static final int KEPT_JOBS = 50;
  // The newest jobs only; the running one is always the newest, so never the one dropped.
  private final Map<String, RebuildJob> jobs = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RebuildJob> eldest) {
          return size() > KEPT_JOBS;
        }
      });
  private final AtomicReference<RebuildJob> current = new AtomicReference<>();
  private HttpServer server;

  private AgentServer(Vertx vertx, AgentConfig config, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    // A rebuild runs for minutes: the worker's blocked-thread limit is the job's own bound.
    this.worker = vertx.createSharedWorkerExecutor("drwatch-pg-agent-" + config.pgdata(), 1,
        config.jobTimeout().toMillis() + 60_000, TimeUnit.MILLISECONDS);
    this.rebuild = new Rebuild(new PgTools(config), config.jobTimeout(), clock);
  }

  /** Listens on the configured address; port 0 picks a free one ({@link #port()}). */
  public static Future<AgentServer> start(Vertx vertx, AgentConfig config) {
    // Jackson's first use initialises its classes for ~100 ms: here, on the caller's thread, not in a request.
    new JsonObject("{\"warm\":true}").encode();
    AgentServer agent = new AgentServer(vertx, config, Clock.systemUTC());
    return agent.listen().map(agent);
  }

  private Future<HttpServer> listen() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    router.route().handler(this::authorized);
    router.post(AgentProtocol.REBUILD).handler(this::rebuild);
    router.get(AgentProtocol.JOBS + ":id").handler(this::job);
    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port());
    config.tls().ifPresent(t -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
        .setCertPath(t.certFile().toString()).setKeyPath(t.keyFile().toString())));
    return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> server = s);
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return (server == null ? Future.<Void>succeededFuture() : server.close()).compose(v -> worker.close());
  }

  private void authorized(RoutingContext ctx) {
    String header = Optional.ofNullable(ctx.request().getHeader("Authorization")).orElse("");
    byte[] sent = header.getBytes(StandardCharsets.UTF_8);
    byte[] wanted = ("Bearer " + config.token().value()).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(sent, wanted)) {
      reply(ctx, 401, new JsonObject().put("error", "a valid bearer token is required"));
      return;
    }
    ctx.next();
  }

  private void rebuild(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    Optional<String> source = AgentProtocol.source(body == null ? null : body.getString("source"));
    if (source.isEmpty()) {
      reply(ctx, 400, new JsonObject().put("error", "source must be a postgresql://user@host:port/db URI"));
      return;
    }
    RebuildJob job = new RebuildJob(UUID.randomUUID().toString(), source.get(), clock.instant());
    RebuildJob running = current.accumulateAndGet(job, (old, fresh) -> old != null && old.running() ? old : fresh);
    if (running != job) {
      reply(ctx, 409, new JsonObject().put("error", "a rebuild is running").put("id", running.id()));
      return;
    }
    jobs.put(job.id(), job);
    worker.executeBlocking(() -> {
      rebuild.run(job);
      return null;
    }, false);
    reply(ctx, 202, job.json());
  }

  private void job(RoutingContext ctx) {
    RebuildJob job = jobs.get(ctx.pathParam("id"));
    if (job == null) {
      reply(ctx, 404, new JsonObject().put("error", "no such job"));
      return;
    }
    reply(ctx, 200, job.json());
  }

  private static void reply(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
