package io.drwatch.adapter.aws;

import io.drwatch.adapter.support.Deadline;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every SDK call of every client built through {@link AwsClients#configure}, by service,
 * operation and outcome. SDK retries are off, so one SDK execution is one HTTP attempt: our
 * retries count once each. Plain counters (no Micrometer): the metrics adapter reads them through
 * the {@code AwsUsage} port. Called on SDK threads, hence the concurrent map.
 */
public final class AwsRequestCounts implements ExecutionInterceptor {
  /** One series. */
  public record Key(String service, String operation, String outcome) {}

  private record Pending(String service, String operation, Instant started) {}

  private static final ExecutionAttribute<Long> CALL = new ExecutionAttribute<>("drwatch.call");
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final Duration unreported;
  // Monotonic unless a test injects another: a wall-clock step must not sweep calls in flight.
  private final Clock clock;

  /**
   * @param longestCall no call runs longer than this (the larger of apiCallTimeout and readTimeout,
   *     which bounds long polls): the SDK does not report an apiCallTimeout to interceptors, so a
   *     call unreported after it (plus a grace) is counted as {@code io_error}
   */
  public AwsRequestCounts(Duration longestCall) {
    this(longestCall, Deadline.MONOTONIC);
  }

  AwsRequestCounts(Duration longestCall, Clock clock) {
    this.unreported = longestCall.plus(GRACE);
    this.clock = clock;
  }

  /** For clients with {@link AwsSettings#DEFAULT}. */
  public AwsRequestCounts() {
    this(longest(AwsSettings.DEFAULT));
  }

  static Duration longest(AwsSettings s) {
    return s.apiCallTimeout().compareTo(s.readTimeout()) > 0 ? s.apiCallTimeout() : s.readTimeout();
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    long id = ids.incrementAndGet();
    attributes.putAttribute(CALL, id);
    pending.put(id, new Pending(name(attributes, SdkExecutionAttribute.SERVICE_NAME).toLowerCase(Locale.ROOT),
        name(attributes, SdkExecutionAttribute.OPERATION_NAME), clock.instant()));
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    add(attributes, "success");
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    add(attributes, outcome(context.exception()));
  }

  /** {@code throttled}, {@code server_error}, {@code client_error} (other 4xx) or {@code io_error}. */
  static String outcome(Throwable failure) {
    Throwable err = AwsFutures.unwrap(failure);
    if (err instanceof AwsServiceException e) {
      if (e.isThrottlingException() || e.statusCode() == 429) {
        return "throttled";
      }
      return e.statusCode() >= 500 ? "server_error" : "client_error";
    }
    return "io_error";
  }

  private void add(ExecutionAttributes attributes, String outcome) {
    Long id = attributes.getAttribute(CALL);
    Pending p = id == null ? null : pending.remove(id);
    if (p != null) {
      increment(new Key(p.service(), p.operation(), outcome));
    }
  }

  private void increment(Key key) {
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private static String name(ExecutionAttributes attributes, ExecutionAttribute<String> attribute) {
    String v = attributes.getAttribute(attribute);
    return v == null ? "unknown" : v;
  }

  /** Counts calls unreported past the longest possible call as {@code io_error} (timed out). */
  private void sweep() {
    Instant now = clock.instant();
    pending.forEach((id, p) -> {
      if (Duration.between(p.started(), now).compareTo(unreported) > 0 && pending.remove(id) != null) {
        increment(new Key(p.service(), p.operation(), "io_error"));
      }
    });
  }

  public long count(String service, String operation, String outcome) {
    sweep();
    LongAdder a = counts.get(new Key(service, operation, outcome));
    return a == null ? 0 : a.sum();
  }

  /** A snapshot of every series seen so far. */
  public Map<Key, Long> snapshot() {
    sweep();
    return Map.copyOf(counts.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum())));
  }
}
