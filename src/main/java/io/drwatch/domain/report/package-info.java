/**
 * Audit evidence, pure (issue 14 item 5; docs/audit-report.md): what the samples store keeps and
 * what the report computes from it.
 *
 * <ul>
 *   <li>{@link io.drwatch.domain.report.Span}: time one channel spent in one condition within one
 *       bucket of a {@link io.drwatch.domain.report.Tier} (1 s, 1 min, 1 h), with its RPO figures.
 *       A 1 s span is a raw sample; coarser spans are {@link io.drwatch.domain.report.Rollup}s of
 *       finer ones, so every tier answers the same questions.
 *   <li>{@link io.drwatch.domain.report.AuditReports#compute}: per channel the % of observed time
 *       within the RPO objective, the worst RPO and when, time per condition, p50/p95/p99; the
 *       runs against the objectives; the projected RTO over time; chart series.
 * </ul>
 *
 * <p>Conditions and run modes are kept as their names, not the enums, so a condition or a mode
 * added later (UNPROTECTED, reprotect, switchover) is stored, counted and drawn without a change
 * here. Nothing here reads a clock: times come in as epoch seconds.
 */
package io.drwatch.domain.report;
