/**
 * The `churnkit --help` text.
 *
 * @internal
 * @module
 */
export const HELP = `churnkit — the customer-churn loop from an event file to a self-contained HTML report

Usage
  churnkit analyze <events file | folder>... [options]
  churnkit demo [--customers 3000] [--seed 1] [--out report.html] [--json analysis.json]
  churnkit help

analyze reads CSV/TSV/TXT/NDJSON event files (a folder: every such file in it), runs analyzeChurn
(audit, churn status, labels, features, backtest, model, risk and drivers, segments, personas,
actions) and writes the report and/or the analysis as JSON. Progress goes to stderr, the summary
to stdout.

Reading the events
  --map k=Column,...     columns of a delimited file. Keys: customer, time, type, value, quantity,
                         text, source, attr.NAME. value=Quantity*UnitPrice multiplies columns.
                         Example: --map customer=CustomerID,time=InvoiceDate,value=amount
  --type NAME            a constant event type when the file has no type column (e.g. order)
  --time-format F        iso (default), yyyymmdd, epoch_s, epoch_ms, dmy, mdy
  --integer-ids          rewrite integral customer ids canonically (17850.0 -> 17850)
  --mapping FILE.json    a full ColumnMapping as JSON instead of --map (type rules and more)
  --format csv|ndjson    default: from the extension (.csv .tsv .txt .ndjson .jsonl)
  --delimiter D          , ; tab | whitespace (default: from the extension)
  --on-invalid MODE      collect (default: bad rows are skipped and counted in the audit), skip, throw

Analysis
  --rule R               churn rule: inactivity:DAYS[:role+role] (default inactivity:90, roles
                         purchase+activity) or a JSON ChurnRule, e.g. inactivity:120:purchase
  --horizon DAYS         days after a cutoff in which churn is predicted (default 90)
  --as-of DATE           the scoring moment, ISO date (default: the day of the last event)
  --algorithm A          logistic, tree, forest or boosting (default boosting)
  --budget N             budget of the recommended actions (default unlimited)
  --seed N               seed of the learner (default 1)
  --snapshots N          training snapshots (default 4)

Output
  --out FILE.html        the HTML report (default report.html unless --json is given)
  --json FILE.json       the analysis as JSON
  --title TEXT           title of the report
  --top N                rows of the customer and action tables (default 25)
  --quiet                no progress on stderr

Exit codes: 0 done, 1 the data could not be read or analysed, 2 bad command line.
`;
