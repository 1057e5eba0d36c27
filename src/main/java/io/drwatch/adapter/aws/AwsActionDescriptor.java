package io.drwatch.adapter.aws;

import io.drwatch.port.FailoverAction;
import io.drwatch.schema.ParamSchema;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.KindContext;
import io.vertx.core.Vertx;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
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

  /**
   * The factory of an action built from Vert.x and how to build its client for an endpoint; the
   * daemon's {@link AwsClients} are asked for on the action's first call only (on a worker thread).
   */
  protected static <B extends AwsClientBuilder<B, C> & SdkAsyncClientBuilder<B, C>, C>
      BiFunction<Vertx, Supplier<AwsClients>, FailoverAction> built(
          BiFunction<Vertx, Function<AwsEndpoint, C>, ? extends FailoverAction> action, Supplier<B> builder) {
    return (vertx, aws) -> action.apply(vertx, StepClients.built(aws, builder));
  }

  @Override
  public final FailoverAction create(KindContext context) {
    return factory.apply(context.vertx(), context.service(AwsClients.class));
  }
}
