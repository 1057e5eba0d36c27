package io.drwatch.adapter.webhook;

import java.util.regex.Pattern;

/** The statuses a webhook may answer with: one code ({@code 204}) or a class ({@code 2xx}). */
record ExpectedStatus(String text, int low, int high) {
  static final ExpectedStatus ANY_2XX = new ExpectedStatus("2xx", 200, 299);
  private static final Pattern CODE = Pattern.compile("[1-5][0-9][0-9]");
  private static final Pattern CLASS = Pattern.compile("[1-5]xx");

  /** @throws IllegalArgumentException when {@code text} is neither a code nor a class */
  static ExpectedStatus parse(String stepId, String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    if (CODE.matcher(t).matches()) {
      int code = Integer.parseInt(t);
      return new ExpectedStatus(t, code, code);
    }
    if (CLASS.matcher(t).matches()) {
      int base = (t.charAt(0) - '0') * 100;
      return new ExpectedStatus(t, base, base + 99);
    }
    throw new IllegalArgumentException("step " + stepId
        + ": expectStatus must be a status such as 204 or a class such as 2xx, but was \"" + text + "\"");
  }

  boolean matches(int status) {
    return status >= low && status <= high;
  }

  @Override
  public String toString() {
    return text;
  }
}
