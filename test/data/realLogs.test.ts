import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseEventsCsv, type ColumnMapping } from '../../src/data/index.js';
import { readEventsFile, readEventsFiles } from '../../src/node/index.js';
import { dataPath, describeWithData } from '../helpers/sharedData.js';

// Expected figures: ../shared/data/README.md (CDNOW: 69,659 rows, 23,570 customers, 167,881 CDs,
// $2,500,315.63; Online Retail: 541,909 rows, 4,372 customer ids, 135,080 rows without
// CustomerID, 9,288 rows with InvoiceNo starting "C"). All are exact counts; money is compared
// to the cent after a Neumaier-compensated sum.

function neumaier(xs: Float64Array): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const t = sum + x;
    c += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + c;
}

const CDNOW: ColumnMapping = {
  customerId: 'customer_id',
  time: { column: 'date', format: 'yyyymmdd' },
  type: { constant: 'order' },
  quantity: 'number_of_cds',
  value: 'dollar_value',
};

describeWithData('CDNOW_master.txt (whitespace-separated, CRLF, leading spaces)', ['cdnow', 'CDNOW_master.txt'], () => {
  it('parses from text with the README totals', () => {
    const text = readFileSync(dataPath('cdnow', 'CDNOW_master.txt'), 'utf8');
    const log = parseEventsCsv(text, CDNOW, { delimiter: 'whitespace' });
    expect(log.size).toBe(69_659);
    expect(log.customerCount).toBe(23_570);
    expect(log.rejects.rejected).toBe(0);
    expect(neumaier(log.quantity)).toBe(167_881);
    expect(Math.round(neumaier(log.value) * 100)).toBe(250_031_563);
    const span = log.timeSpan()!;
    expect(new Date(span.start).toISOString()).toBe('1997-01-01T00:00:00.000Z');
    expect(new Date(span.end).toISOString()).toBe('1998-06-30T00:00:00.000Z');
  });

  it('streams from the file (format from the .txt extension) to the same log', async () => {
    const log = await readEventsFile(dataPath('cdnow', 'CDNOW_master.txt'), CDNOW, { chunkBytes: 4096 });
    expect(log.size).toBe(69_659);
    expect(log.customerCount).toBe(23_570);
    expect(Math.round(neumaier(log.value) * 100)).toBe(250_031_563);
    // Without normalize the 5-digit ids are kept verbatim ('00001' is not canonical, '10000' is).
    expect(log.customerIndex('00001')).toBeGreaterThanOrEqual(0);
    expect(log.customerIndex('1')).toBe(-1);
  });

  it("with normalize: 'integer' the ids become canonical integers, same customers", async () => {
    const log = await readEventsFile(dataPath('cdnow', 'CDNOW_master.txt'), { ...CDNOW, customerId: { column: 'customer_id', normalize: 'integer' } });
    expect(log.customerCount).toBe(23_570);
    expect(log.customerIds[0]).toBe('1');
    expect(log.customerIds[23_569]).toBe('23570');
  });
});

describeWithData('CDNOW_sample.txt (no header, 5 columns)', ['cdnow', 'CDNOW_sample.txt'], () => {
  it('loads the 1/10 sample by column index: 6,919 rows, 2,357 customers numbered 1..2357', async () => {
    const log = await readEventsFile(dataPath('cdnow', 'CDNOW_sample.txt'), {
      customerId: { column: 1, normalize: 'integer' }, // '0001' → '1'
      time: { column: 2, format: 'yyyymmdd' },
      quantity: 3,
      value: 4,
      type: { constant: 'order' },
    }, { header: false });
    expect(log.size).toBe(6_919);
    expect(log.customerCount).toBe(2_357);
    expect([log.customerIds[0], log.customerIds[2_356]]).toEqual(['1', '2357']);
  });
});

const RETAIL: ColumnMapping = {
  customerId: { column: 'CustomerID', normalize: 'integer' },
  time: { column: 'InvoiceDate', format: 'iso' },
  type: { column: 'InvoiceNo', rules: [{ startsWith: 'C', type: 'refund' }], otherwise: 'order' },
  value: { product: ['Quantity', 'UnitPrice'] },
  quantity: 'Quantity',
  attrs: { country: 'Country' },
};

describeWithData('UCI Online Retail, 305 daily files', ['online-retail', 'by-day'], () => {
  const dir = dataPath('online-retail', 'by-day');

  it('rejects the rows without CustomerID with MISSING_CUSTOMER and counts them', async () => {
    const log = await readEventsFiles(dir, RETAIL, { onInvalid: 'collect', maxIssues: 5 });
    expect(log.rejects.rows).toBe(541_909);
    expect(log.rejects.rejected).toBe(135_080);
    expect(log.rejects.byCode).toEqual({ MISSING_CUSTOMER: 135_080 });
    expect(log.size).toBe(541_909 - 135_080);
    expect(log.customerCount).toBe(4_372);
    expect(log.customerIds[0]).toBe('12346'); // 12346.0 normalised
    // Every kept issue names its file and its 0-based row in that file.
    expect(log.rejects.issues).toHaveLength(5);
    const first = log.rejects.issues[0]!;
    expect(first.file?.endsWith('2010-12-01.csv')).toBe(true);
    expect(first.code).toBe('MISSING_CUSTOMER');
    expect(first.field).toBe('customerId');
    // 2010-12-01.csv: the first row without CustomerID is data row 622 (0-based after the
    // header), from python3: [i for i, r in enumerate(csv.DictReader(f)) if r['CustomerID'] == ''][0].
    expect(first.row).toBe(622);
    const span = log.timeSpan()!;
    expect(new Date(span.start).toISOString()).toBe('2010-12-01T08:26:00.000Z');
    expect(new Date(span.end).toISOString()).toBe('2011-12-09T12:50:00.000Z');
  });

  it('keeps them under missingCustomer.keepAs, with 9,288 refund rows over all rows', async () => {
    const log = await readEventsFiles(dir, RETAIL, { missingCustomer: { keepAs: 'guest' } });
    expect(log.size).toBe(541_909);
    expect(log.rejects.rejected).toBe(0);
    expect(log.rejects.keptWithoutCustomer).toBe(135_080);
    expect(log.customerCount).toBe(4_373);
    const g = log.customerIndex('guest');
    expect(log.end(g) - log.start(g)).toBe(135_080);
    const refund = log.typeId('refund');
    let refunds = 0;
    for (let i = 0; i < log.size; i++) if (log.type[i] === refund) refunds++;
    expect(refunds).toBe(9_288);
    expect(log.types).toEqual(['order', 'refund']);
  });
});
