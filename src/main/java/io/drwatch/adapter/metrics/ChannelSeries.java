package io.drwatch.adapter.metrics;

import io.drwatch.domain.FailureCode;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One channel's counters and its label sets, rendered once: the probe timer by outcome and the
 * probe errors by code. Written by the probe loop, read by the scrape on a worker thread.
 */
final class ChannelSeries {
  final String labels;
  /** Indexed by {@link FailureCode#ordinal()}. */
  final String[] errorLabels;
  /** The same label sets, UTF-8 encoded once, with their braces: {@code {labels}}. */
  final byte[] labelBytes;
  final byte[][] errorLabelBytes;
  /** {@code {labels,outcome="failure"}} and {@code {labels,outcome="success"}}. */
  final byte[] failureLabelBytes;
  final byte[] successLabelBytes;
  final ProbeStats success = new ProbeStats();
  final ProbeStats failure = new ProbeStats();
  final AtomicLongArray errors = new AtomicLongArray(FailureCode.values().length);

  /** Label sets without braces, keys in Micrometer's order (sorted), values escaped. */
  ChannelSeries(String channel, String kind, String observer) {
    String ch = "channel=\"" + escape(channel) + "\"";
    String obs = "observer=\"" + escape(observer) + "\"";
    this.labels = ch + ",kind=\"" + escape(kind) + "\"," + obs;
    FailureCode[] codes = FailureCode.values();
    this.errorLabels = new String[codes.length];
    for (FailureCode code : codes) {
      errorLabels[code.ordinal()] = ch + ",code=\"" + code.label() + "\"," + obs;
    }
    this.labelBytes = braced(labels);
    this.errorLabelBytes = new byte[codes.length][];
    for (int c = 0; c < codes.length; c++) {
      errorLabelBytes[c] = braced(errorLabels[c]);
    }
    this.failureLabelBytes = braced(labels + ",outcome=\"failure\"");
    this.successLabelBytes = braced(labels + ",outcome=\"success\"");
  }

  ProbeStats stats(boolean ok) {
    return ok ? success : failure;
  }

  byte[] outcomeLabels(boolean ok) {
    return ok ? successLabelBytes : failureLabelBytes;
  }

  private static byte[] braced(String labels) {
    return TextBytes.ascii("{" + labels + "}");
  }

  static String escape(String value) {
    if (value.indexOf('\\') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
      return value;
    }
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
