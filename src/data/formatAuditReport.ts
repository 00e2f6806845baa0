import { optionsOf } from '../internal/args.js';
import { fmt, type DataQualityReport } from './auditEvents.js';

/**
 * Renders a {@link DataQualityReport} as an aligned, plain-text summary.
 *
 * For the demo, a terminal or a log file: the headline counts, the findings (errors first),
 * then tables of types, sources (with lag), completeness, attribute coverage and ingestion
 * rejects. Columns are padded to their widest cell; numbers are right-aligned with thousands
 * separators and no locale dependence, so the same report gives the same bytes everywhere.
 *
 * @param report - from {@link auditEvents}
 * @param options - `maxRows` caps each table (default 20; the rest is summarised on one line)
 * @returns the text, lines joined by `\n`, no trailing newline
 * @example
 * ```ts
 * console.log(formatAuditReport(auditEvents(log, { asOf: '2024-06-01' })));
 * // Data quality report (as of 2024-06-01T00:00:00.000Z)
 * //   Events  1,234  Customers  56  Sources  2
 * //   Time span  2024-01-02 → 2024-05-30 (149.0 days)
 * //   ...
 * ```
 * @category Data
 */
export function formatAuditReport(report: DataQualityReport, options: { maxRows?: number } = {}): string {
  options = optionsOf('formatAuditReport', options);
  const maxRows = options.maxRows ?? 20;
  const out: string[] = [];
  out.push(`Data quality report${report.asOf === null ? '' : ` (as of ${report.asOf})`}`);
  out.push(
    ...table(
      [
        ['Events', fmt(report.events), 'Customers', fmt(report.customers), 'Sources', fmt(report.bySource.length)],
      ],
      'lrlrlr',
      '  ',
    ),
  );
  out.push(`  Time span  ${report.timeSpan === null ? '(empty)' : `${day(report.timeSpan.start)} → ${day(report.timeSpan.end)} (${report.timeSpan.days.toFixed(1)} days)`}`);

  out.push('', `Findings (${count(report, 'error')} errors, ${count(report, 'warning')} warnings, ${count(report, 'info')} notes)`);
  if (report.findings.length === 0) out.push('  none');
  else out.push(...table(report.findings.map((f) => [f.severity.toUpperCase(), f.code, f.message]), 'lll', '  '));

  out.push('', 'Events by type');
  out.push(
    ...capped(
      table(
        [['type', 'roles', 'events', 'customers'], ...report.byType.map((t) => [t.type, t.roles.length === 0 ? '(unknown)' : t.roles.join(','), fmt(t.events), fmt(t.customers)])],
        'llrr',
        '  ',
      ),
      maxRows,
    ),
  );

  out.push('', `Sources (lag in days behind ${report.lagBasis === 'asOf' ? 'asOf' : 'the latest event'})`);
  out.push(
    ...capped(
      table(
        [
          ['source', 'events', 'customers', 'first', 'latest', 'lag'],
          ...report.bySource.map((s) => [s.source, fmt(s.events), fmt(s.customers), day(s.firstEvent), day(s.latestEvent), s.lagDays.toFixed(1)]),
        ],
        'lrrllr',
        '  ',
      ),
      maxRows,
    ),
  );

  out.push('', 'Completeness');
  out.push(
    ...table(
      [
        ['field', 'role', 'events', 'present', 'share'],
        ...report.completeness.map((e) => [e.field, e.role, fmt(e.events), fmt(e.present), e.fraction === null ? '-' : `${(100 * e.fraction).toFixed(1)}%`]),
      ],
      'llrrr',
      '  ',
    ),
  );
  if (report.attrCoverage.length > 0) {
    out.push('', 'Attributes');
    out.push(
      ...capped(
        table(
          [['key', 'events', 'share'], ...report.attrCoverage.map((a) => [a.key, fmt(a.events), a.fraction === null ? '-' : `${(100 * a.fraction).toFixed(1)}%`])],
          'lrr',
          '  ',
        ),
        maxRows,
      ),
    );
  }

  out.push('', 'Checks');
  const checks: string[][] = [
    ['negative purchase values', fmt(report.invalid.negativePurchaseValues)],
    ['survey scores out of range', fmt(report.invalid.surveyOutOfRange)],
    ['events of unknown types', fmt(report.invalid.unknownTypeEvents)],
    ['duplicate events', fmt(report.duplicates.events)],
    ['future-dated events', report.futureDated === null ? '- (no asOf)' : fmt(report.futureDated.events)],
    ['customers who never purchased', fmt(report.neverPurchased.customers)],
    ['rows rejected at ingestion', fmt(report.rejects.rejected)],
    ['duplicates removed by merge', fmt(report.rejects.duplicatesRemoved)],
  ];
  out.push(...table(checks, 'lr', '  '));
  const codes = Object.entries(report.rejects.byCode).sort((x, y) => (y[1] ?? 0) - (x[1] ?? 0) || (x[0] < y[0] ? -1 : 1));
  if (codes.length > 0) {
    out.push('', 'Ingestion rejects by code');
    out.push(...table(codes.map(([c, k]) => [c, fmt(k ?? 0)]), 'lr', '  '));
  }
  return out.join('\n');
}

function count(r: DataQualityReport, s: 'error' | 'warning' | 'info'): number {
  let n = 0;
  for (const f of r.findings) if (f.severity === s) n++;
  return n;
}

function day(isoString: string): string {
  return isoString.length >= 10 ? isoString.slice(0, 10) : isoString;
}

/** Pads cells to their column's widest; `align` holds one `l` or `r` per column. */
function table(rows: readonly (readonly string[])[], align: string, indent: string): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, j) => (widths[j] = Math.max(widths[j] ?? 0, [...cell].length)));
  return rows.map((r) => {
    const cells = r.map((cell, j) => {
      const pad = ' '.repeat(widths[j]! - [...cell].length);
      if (j === r.length - 1 && align[j] !== 'r') return cell;
      return align[j] === 'r' ? pad + cell : cell + pad;
    });
    return indent + cells.join('  ');
  });
}

function capped(lines: string[], maxRows: number): string[] {
  // lines[0] is the header row
  if (lines.length - 1 <= maxRows) return lines;
  const rest = lines.length - 1 - maxRows;
  return [...lines.slice(0, maxRows + 1), `  … ${rest} more`];
}
