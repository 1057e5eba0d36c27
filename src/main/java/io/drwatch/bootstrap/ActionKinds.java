package io.drwatch.bootstrap;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.port.FailoverAction;
import io.drwatch.spi.ActionDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.spi.KindRegistry;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The daemon's actions, one per descriptor in {@link KindRegistry}. The AWS actions share the
 * daemon's {@link AwsClients}, built on their first call (on a worker thread).
 */
final class ActionKinds implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ActionKinds.class.getName());

  /** Known without building anything: for check-config and plan. */
  static final Set<String> NAMES = KindRegistry.installed().actionNames();

  private final Map<String, FailoverAction> actions;

  private ActionKinds(Map<String, FailoverAction> actions) {
    this.actions = actions;
  }

  /** {@code aws} is asked for on an AWS action's first call only (on a worker thread). */
  static ActionKinds create(Vertx vertx, Supplier<AwsClients> aws) {
    // No CloudWatch readers: no action reads metrics.
    KindContext context = ChannelKinds.context(new ChannelKinds.Deps(vertx, aws, null));
    Map<String, FailoverAction> actions = KindRegistry.installed().actions().stream()
        .collect(Collectors.toMap(ActionDescriptor::name, d -> create(d, context)));
    return new ActionKinds(Map.copyOf(actions));
  }

  private static FailoverAction create(ActionDescriptor<?> descriptor, KindContext context) {
    FailoverAction action = descriptor.create(context);
    if (!action.name().equals(descriptor.name())) {
      throw new IllegalStateException("descriptor " + descriptor.name() + " built action " + action.name());
    }
    return action;
  }

  Map<String, FailoverAction> actions() {
    return actions;
  }

  /** Closes the actions that hold clients; the shared AWS clients they borrowed are the daemon's. */
  @Override
  public void close() {
    for (FailoverAction action : actions.values()) {
      if (action instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          LOG.log(Level.WARNING, "closing action " + action.name() + ": " + e);
        }
      }
    }
  }
}
