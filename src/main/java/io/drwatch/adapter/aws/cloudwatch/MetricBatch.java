package io.drwatch.adapter.aws.cloudwatch;

import io.drwatch.adapter.aws.AwsFutures;
import io.drwatch.adapter.support.Retry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * One GetMetricData request (at most {@link #MAX_QUERIES} queries) and its pages. Results are
 * newest first ({@code TimestampDescending}); a query's points may continue on the next page, so
 * the newest is kept across pages, never the last seen.
 */
record MetricBatch(CloudWatchAsyncClient client, Context context, String label) {
  /** CloudWatch's limit of MetricDataQuery entries per request (without Metrics Insights). */
  static final int MAX_QUERIES = 500;
  /** A bound on pages per batch: a misbehaving server that always sends a token cannot loop us. */
  static final int MAX_PAGES = 20;

  static MetricBatch of(CloudWatchAsyncClient client, Context context, String region) {
    return new MetricBatch(client, context, "cloudwatch GetMetricData (" + region + ")");
  }

  /**
   * Newest datapoint per query id in {@code [start, end)}; ids without one are absent. The request
   * is built on the worker thread that invokes the SDK: hundreds of model objects (and, the first
   * time, their classes) are not event-loop work.
   */
  Future<Map<String, Datapoint>> fetch(Map<String, MetricQuery> queries, Instant start, Instant end) {
    if (queries.size() > MAX_QUERIES) {
      throw new IllegalArgumentException(queries.size() + " queries in one GetMetricData; at most " + MAX_QUERIES);
    }
    return page(queries, start, end, null, new HashMap<>(), 1);
  }

  private Future<Map<String, Datapoint>> page(Map<String, MetricQuery> queries, Instant start, Instant end,
      String token, Map<String, Datapoint> newest, int n) {
    return AwsFutures.retried(Retry.of(label), context, () -> client.getMetricData(request(queries, start, end, token)))
        .compose(response -> {
          collect(response, newest);
          String next = response.nextToken();
          if (next == null || next.isEmpty() || n >= MAX_PAGES) {
            return Future.succeededFuture(newest);
          }
          return page(queries, start, end, next, newest, n + 1);
        });
  }

  private static GetMetricDataRequest request(Map<String, MetricQuery> queries, Instant start, Instant end,
      String token) {
    List<MetricDataQuery> list = new ArrayList<>(queries.size());
    queries.forEach((id, q) -> list.add(MetricDataQuery.builder().id(id).metricStat(q.toMetricStat())
        .returnData(true).build()));
    return GetMetricDataRequest.builder().metricDataQueries(list).startTime(start).endTime(end)
        .scanBy(ScanBy.TIMESTAMP_DESCENDING).nextToken(token).build();
  }

  private static void collect(GetMetricDataResponse response, Map<String, Datapoint> newest) {
    for (MetricDataResult r : response.metricDataResults()) {
      List<Instant> ts = r.timestamps();
      List<Double> values = r.values();
      for (int i = 0; i < Math.min(ts.size(), values.size()); i++) {
        Datapoint candidate = new Datapoint(values.get(i), ts.get(i));
        newest.merge(r.id(), candidate, (a, b) -> b.at().isAfter(a.at()) ? b : a);
      }
    }
  }

  /** {@code all} (id to query) cut into requests of at most {@link #MAX_QUERIES}. */
  static List<Map<String, MetricQuery>> split(Map<String, MetricQuery> all) {
    List<Map<String, MetricQuery>> chunks = new ArrayList<>();
    Map<String, MetricQuery> current = new LinkedHashMap<>();
    for (Map.Entry<String, MetricQuery> e : all.entrySet()) {
      if (current.size() == MAX_QUERIES) {
        chunks.add(current);
        current = new LinkedHashMap<>();
      }
      current.put(e.getKey(), e.getValue());
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }
}
