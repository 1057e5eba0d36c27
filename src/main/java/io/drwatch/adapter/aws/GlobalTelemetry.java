package io.drwatch.adapter.aws;

import io.drwatch.adapter.support.Retry;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ProviderTelemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A global resource (an Aurora global cluster, an ElastiCache global datastore) read the same way:
 * describe it in the channel's region, find it by id, take its membership, and either say why
 * nothing replicates or read its secondaries' lag in their own regions. A round without a datapoint
 * makes the subclass look its metrics up again ({@link #forget}).
 *
 * @param <G> the resource as the service describes it
 * @param <M> who writes and who follows in it
 */
public abstract class GlobalTelemetry<G, M extends GlobalTelemetry.Members> implements ProviderTelemetry {
  /** Who writes and who follows: why nothing replicates, if so. */
  public interface Members {
    Optional<String> broken();

    /** The usual reasons, in their order: no writer, no secondary, a member out of the replication. */
    static Optional<String> broken(String resource, boolean hasWriter, String writer, boolean hasSecondary,
        String secondary, Optional<String> unhealthy) {
      if (!hasWriter) {
        return Optional.of(resource + " has no " + writer);
      }
      if (!hasSecondary) {
        return Optional.of(resource + " has no " + secondary + ": nothing replicates");
      }
      return unhealthy;
    }
  }

  /**
   * How to find the resource: the describe call (on a worker thread; its answer may hold other
   * resources), each one's id, and its membership.
   *
   * @param call the describe call for messages, e.g. {@code "rds DescribeGlobalClusters"}
   * @param noun what the resource is called in messages, e.g. {@code "global cluster"}
   */
  public record Source<G, M>(String call, String noun, String id, Supplier<CompletableFuture<List<G>>> describe,
      Function<G, String> idOf, Function<G, M> members) {}

  protected final Vertx vertx;
  private final Source<G, M> source;

  protected GlobalTelemetry(Vertx vertx, Source<G, M> source) {
    this.vertx = vertx;
    this.source = source;
  }

  /** Follows the secondaries' metrics and reads the worst lag. */
  protected abstract Future<ReplicaView> lags(M members);

  /** Looks the secondaries' metrics up again on the next round. */
  protected abstract void forget();

  @Override
  public final Future<ReplicaView> read() {
    String what = source.call() + " " + source.id();
    return AwsFutures.retried(Retry.of(what), vertx.getOrCreateContext(), source.describe())
        // Filtered here too: an id filter a server ignores must not make us read another resource.
        .map(all -> all.stream().filter(g -> source.id().equals(source.idOf().apply(g))).findFirst()
            .orElseThrow(() -> new IllegalStateException(what + ": no such " + source.noun())))
        .compose(this::view);
  }

  private Future<ReplicaView> view(G resource) {
    M members = source.members().apply(resource);
    Optional<String> broken = members.broken();
    if (broken.isPresent()) {
      return Future.succeededFuture(new ReplicaView(Optional.empty(), LinkState.DOWN, broken.get()));
    }
    return lags(members).onSuccess(view -> {
      if (view.telemetryMissing()) {
        forget(); // the metrics may exist by now, or the secondaries' nodes changed
      }
    });
  }
}
