package io.drwatch.adapter.aws.cloudwatch;

import java.time.Instant;

/**
 * The newest datapoint of a metric, with its own timestamp (the start of its period, CloudWatch's
 * clock). There is no "zero" datapoint: a metric without one is absent, never 0.
 */
public record Datapoint(double value, Instant at) {}
