package io.drwatch.adapter.report;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.report.AuditReport;
import java.util.Locale;
import java.util.function.Function;

/** The report's renderings, each a whole document in one string. */
public enum ReportFormat {
  HTML("text/html; charset=utf-8", ReportHtml::render),
  JSON("application/json", r -> ReportJson.of(r).encodePrettily() + "\n"),
  CSV("text/csv; charset=utf-8", ReportCsv::render);

  private final String contentType;
  private final Function<AuditReport, String> renderer;

  ReportFormat(String contentType, Function<AuditReport, String> renderer) {
    this.contentType = contentType;
    this.renderer = renderer;
  }

  public String contentType() {
    return contentType;
  }

  public String render(AuditReport report) {
    return renderer.apply(report);
  }

  /** {@code html}, {@code json} or {@code csv}; anything else is BAD_PARAMS naming the choices. */
  public static ReportFormat parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw CodedFailure.of(FailureCode.BAD_PARAMS,
          "format: expected html, json or csv, but was \"" + text + "\"");
    }
  }
}
