package io.drwatch.spi;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.port.FailoverAction;
import io.drwatch.schema.ParamError;
import io.drwatch.schema.ParamSchema;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The fixed facts of an action, so that a descriptor writes only its params, parse and factory. */
public abstract class AbstractActionDescriptor<T> extends AbstractKindDescriptor<T> implements ActionDescriptor<T> {
  /** Whether an action is a long provider operation, see {@link io.drwatch.schema.ActionKindSpec}. */
  public enum Speed { QUICK, LONG }

  private final int waitSeconds;
  private final boolean longOperation;

  protected AbstractActionDescriptor(String name, String summary, ParamSchema params, int waitSeconds,
      Speed speed, boolean needsAws, List<String> iamActions) {
    super(name, summary, params, needsAws, iamActions);
    this.waitSeconds = waitSeconds;
    this.longOperation = speed == Speed.LONG;
  }

  @Override
  public final int waitSeconds() {
    return waitSeconds;
  }

  @Override
  public final boolean longOperation() {
    return longOperation;
  }

  /**
   * The step's typed target, read by the very rules that checked it at load, so an action never
   * parses its params a second, different way. Fails {@link FailureCode#BAD_PARAMS} naming the step
   * and every problem: only a step built outside the config loader (a test, a replayed plan whose
   * config changed) can get here with bad params.
   */
  public final Future<T> target(FailoverAction.Step step) {
    List<ParamError> errors = new ArrayList<>();
    var params = checked(name(), step.params(), errors);
    if (params.isEmpty()) {
      String why = errors.stream().map(e -> e.param() + ": " + e.message()).collect(Collectors.joining("; "));
      return Future.failedFuture(CodedFailure.of(FailureCode.BAD_PARAMS, "step " + step.id() + ": " + why));
    }
    try {
      return Future.succeededFuture(parse(params.get()));
    } catch (RuntimeException e) {
      // checked() has parsed these very params once: only a parse that is not a function gets here.
      return Future.failedFuture(CodedFailure.of(FailureCode.BAD_PARAMS, "step " + step.id() + ": " + e));
    }
  }

  @Override
  final String role() {
    return "ActionDescriptor";
  }
}
