package io.drwatch.schema;

import java.util.List;

/**
 * What the config loader and the reference need of a channel kind or an action: its name, its
 * parameters and how they become a typed target. Pure: no Vert.x, no adapters, so that config can
 * read it. The descriptors in {@code io.drwatch.spi} extend it with their factory.
 *
 * @param <T> the typed target {@link #parse} returns, a record
 */
public interface KindSpec<T> {

  /** The config spelling: {@code rds}, {@code rds-promote}. */
  String name();

  /** One line for the reference: what the kind watches or the action does. */
  String summary();

  ParamSchema params();

  /**
   * The typed target of checked params; runs when the config loads. Checks what involves more
   * than one parameter.
   *
   * @throws ParamException naming the parameter to fix
   */
  T parse(Params params);

  /** Whether it calls AWS APIs (its clients are built and warmed up at startup). */
  boolean needsAws();

  /** The IAM actions it needs, e.g. {@code rds:PromoteReadReplica}; empty for none. */
  List<String> iamActions();

  /**
   * Checks raw params: the schema, then {@link #parse}.
   *
   * @param label how messages name the kind: {@code rds-promote}, {@code kind rds}
   * @param errors receives every problem
   */
  default void check(String label, java.util.Map<String, String> raw, List<ParamError> errors) {
    checked(label, raw, errors);
  }

  /** Like {@link #check}; the params read, with defaults, when there was no problem. */
  default java.util.Optional<Params> checked(String label, java.util.Map<String, String> raw,
      List<ParamError> errors) {
    int before = errors.size();
    Params params = params().read(label, raw, errors);
    if (errors.size() > before) {
      return java.util.Optional.empty();
    }
    try {
      parse(params);
      return java.util.Optional.of(params);
    } catch (ParamException e) {
      errors.add(new ParamError(e.param(), e.getMessage() + " for " + label + e.was()));
      return java.util.Optional.empty();
    }
  }
}
