package io.drwatch.adapter.aws;

import io.drwatch.port.FailoverAction;
import io.drwatch.schema.ParamSchema;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.KindContext;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/** An action that calls AWS: it needs the daemon's AWS clients, and is made from them and Vert.x. */
public abstract class AwsActionDescriptor<T> extends AbstractActionDescriptor<T> {
  private final BiFunction<Vertx, Supplier<AwsClients>, FailoverAction> factory;

  /** @param factory the action's {@code create(vertx, aws)} */
  protected AwsActionDescriptor(String name, String summary, ParamSchema params, int waitSeconds, Speed speed,
      List<String> iamActions, BiFunction<Vertx, Supplier<AwsClients>, FailoverAction> factory) {
    super(name, summary, params, waitSeconds, speed, true, iamActions);
    this.factory = factory;
  }

  @Override
  public final FailoverAction create(KindContext context) {
    return factory.apply(context.vertx(), context.service(AwsClients.class));
  }
}
