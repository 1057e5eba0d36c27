package io.drwatch.adapter.cloudflare;

import io.drwatch.adapter.support.Retry;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.DescribedAction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import java.time.Duration;

/**
 * A Cloudflare action: one resource ({@link CloudflareChange}) changed by a partial update.
 *
 * <ul>
 *   <li>check: {@code GET} the resource; done when it already shows the change.
 *   <li>apply: {@code PATCH} it with only the step's fields.
 *   <li>await: read it back until it shows the change, within {@code waitSeconds}.
 * </ul>
 *
 * <p>The step's params are read by its descriptor, the same rules that checked them at load.
 */
final class CloudflarePatchAction extends DescribedAction<CloudflareChange> {
  private final CloudflareApi api;

  CloudflarePatchAction(AbstractActionDescriptor<CloudflareChange> descriptor, CloudflareApi api) {
    super(descriptor);
    this.api = api;
  }

  static CloudflarePatchAction create(Vertx vertx, AbstractActionDescriptor<CloudflareChange> descriptor) {
    return new CloudflarePatchAction(descriptor, new CloudflareApi(vertx,
        vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)), Retry.of("cloudflare"),
        Duration.ofSeconds(1)));
  }

  @Override
  protected Future<Boolean> check(Step step, CloudflareChange c) {
    return api.get(step.id(), c.api(), c.path(), step.abandoned()).map(c::matches);
  }

  @Override
  protected Future<Void> apply(Step step, CloudflareChange c) {
    return api.patch(step.id(), c.api(), c.path(), c.patch(), step.abandoned()).mapEmpty();
  }

  @Override
  protected Future<Void> await(Step step, CloudflareChange c) {
    return api.until(step.abandoned(),
            "step " + step.id() + ": " + c.noun() + " " + c.path() + " to " + c.patch().encode(),
            c.api().waitFor(), () -> api.get(step.id(), c.api(), c.path(), step.abandoned()),
            c::matches, c::describe)
        .mapEmpty();
  }
}
