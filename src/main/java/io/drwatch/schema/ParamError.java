package io.drwatch.schema;

import java.util.Objects;

/**
 * One problem with one parameter. The config loader puts the path in front, so that the line reads
 * {@code runbook.steps[2].params.instance: required for rds-promote}.
 *
 * @param param the parameter's name
 * @param message the rule it breaks, ending with {@code for <kind>} and, where there is one, the value
 */
public record ParamError(String param, String message) {
  public ParamError {
    Objects.requireNonNull(param, "param");
    Objects.requireNonNull(message, "message");
  }
}
