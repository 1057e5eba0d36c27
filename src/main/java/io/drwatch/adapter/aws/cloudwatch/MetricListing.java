package io.drwatch.adapter.aws.cloudwatch;

import io.drwatch.adapter.aws.AwsFutures;
import io.drwatch.adapter.support.Retry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;

/** {@code ListMetrics} with its pages, bounded like {@link MetricBatch}'s: a server that always sends a token cannot loop us. */
final class MetricListing {
  private MetricListing() {}

  static Future<List<MetricQuery.Found>> list(CloudWatchAsyncClient client, Context context, String region,
      String namespace, Map<String, String> dimensions) {
    return page(client, context, "cloudwatch ListMetrics " + namespace + " " + new TreeMap<>(dimensions)
        + " (" + region + ")", namespace, dimensions, null, new ArrayList<>(), 1);
  }

  private static Future<List<MetricQuery.Found>> page(CloudWatchAsyncClient client, Context context, String label,
      String namespace, Map<String, String> dimensions, String token, List<MetricQuery.Found> found, int n) {
    return AwsFutures.retried(Retry.of(label), context, () -> client.listMetrics(ListMetricsRequest.builder()
            .namespace(namespace)
            .dimensions(dimensions.entrySet().stream()
                .map(e -> DimensionFilter.builder().name(e.getKey()).value(e.getValue()).build()).toList())
            .nextToken(token).build()))
        .compose(r -> {
          r.metrics().forEach(m -> found.add(new MetricQuery.Found(m.metricName(), m.dimensions().stream()
              .collect(Collectors.toMap(Dimension::name, Dimension::value, (a, b) -> a)))));
          String next = r.nextToken();
          return next == null || next.isEmpty() || n >= MetricBatch.MAX_PAGES
              ? Future.succeededFuture(List.copyOf(found))
              : page(client, context, label, namespace, dimensions, next, found, n + 1);
        });
  }
}
