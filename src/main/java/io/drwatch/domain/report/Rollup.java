package io.drwatch.domain.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finer spans summed into the buckets of a coarser tier: the store's downsampling. */
public final class Rollup {
  private Rollup() {}

  private record Key(String channel, long start, String condition) {}

  /** One span per channel, bucket of {@code to} and condition; input in any order. */
  public static List<Span> spans(List<Span> finer, Tier to) {
    Map<Key, Span> out = new LinkedHashMap<>();
    finer.stream().sorted(Comparator.comparingLong(Span::start)).forEach(s -> {
      long bucket = to.bucket(s.start());
      out.merge(new Key(s.channel(), bucket, s.condition()), rebase(s, bucket), Rollup::merge);
    });
    return new ArrayList<>(out.values());
  }

  /** One RTO span per bucket of {@code to}. */
  public static List<RtoSpan> rto(List<RtoSpan> finer, Tier to) {
    Map<Long, RtoSpan> out = new LinkedHashMap<>();
    finer.stream().sorted(Comparator.comparingLong(RtoSpan::start)).forEach(s -> {
      long bucket = to.bucket(s.start());
      out.merge(bucket, new RtoSpan(bucket, s.seconds(), s.infiniteSeconds(), s.maxMs(),
          s.objectiveMs()), RtoSpan::plus);
    });
    return new ArrayList<>(out.values());
  }

  /** {@code b} is the later span: its objective is the one in force at the bucket's end. */
  static Span merge(Span a, Span b) {
    boolean laterWorse = b.rpoMaxMs() > a.rpoMaxMs();
    return new Span(a.channel(), a.start(), a.condition(), a.seconds() + b.seconds(),
        a.within() + b.within(), a.rpoSeconds() + b.rpoSeconds(),
        laterWorse ? b.rpoMaxMs() : a.rpoMaxMs(), laterWorse ? b.rpoMaxAt() : a.rpoMaxAt(),
        a.rpo().plus(b.rpo()), b.objectiveMs());
  }

  private static Span rebase(Span s, long bucket) {
    return new Span(s.channel(), bucket, s.condition(), s.seconds(), s.within(), s.rpoSeconds(),
        s.rpoMaxMs(), s.rpoMaxAt(), s.rpo(), s.objectiveMs());
  }
}
