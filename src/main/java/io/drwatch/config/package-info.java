/**
 * The drwatch configuration: immutable records read from one YAML file by {@link
 * io.drwatch.config.ConfigLoader}.
 *
 * <p>Loading either yields a fully valid {@link io.drwatch.config.DrwatchConfig} or throws a {@link
 * io.drwatch.config.ConfigException} listing every problem, each as {@code path: rule, was value}.
 * Defaults and ranges are documented on the record components. Passwords and tokens are never
 * echoed, neither in errors nor in the records' {@code toString}.
 */
package io.drwatch.config;
