import { knownOptions } from '../internal/args.js';
import { ChurnkitError, show } from '../internal/errors.js';
import type { EventLog } from './EventLog.js';
import { EventLogBuilder } from './EventLogBuilder.js';
import { INGEST_OPTIONS, type EventInput, type IngestOptions } from './types.js';

/** Options of {@link createEventLog}. @category Data */
export type CreateEventLogOptions = IngestOptions;

/**
 * Builds an immutable, columnar {@link EventLog} from event objects in any order.
 *
 * The first step of every churnkit workflow. Rows are validated one by one; what happens to
 * a bad row follows `onInvalid` (default `'throw'`), and every rejected row is counted in
 * `log.rejects`. Events are sorted by (customer, time); a customer's simultaneous events are put
 * in one canonical order (type name, value, quantity, source, text, attribute values), so the
 * log does not depend on the input order.
 * O(n + Σ nᵢ log nᵢ) for nᵢ events of customer i.
 *
 * @param events - any iterable of {@link EventInput}
 * @param options - validation, source name and vocabulary
 * @returns the sorted log
 * @throws ChurnkitError `INVALID_INPUT` when `events` is not iterable; with the row's code (`MISSING_CUSTOMER`, `INVALID_TIME`, ...) when `onInvalid` is `'throw'`
 * @example
 * ```ts
 * const log = createEventLog([
 *   { customerId: 'a', time: '2024-03-02', type: 'order', value: 30 },
 *   { customerId: 'a', time: '2024-01-15', type: 'order', value: 12 },
 * ]);
 * log.size;                        // 2
 * new Date(log.time[0]!).toISOString(); // '2024-01-15T00:00:00.000Z' (sorted)
 * ```
 * @category Data
 */
export function createEventLog(events: Iterable<EventInput>, options: CreateEventLogOptions = {}): EventLog {
  if (events === null || typeof (events as Partial<Iterable<EventInput>>)?.[Symbol.iterator] !== 'function') {
    throw new ChurnkitError('INVALID_INPUT', `createEventLog: expected an iterable of events (an array, a generator, ...); received ${show(events)}.`, {
      expected: 'an iterable of EventInput',
      received: events,
    });
  }
  knownOptions('createEventLog', options, INGEST_OPTIONS);
  const b = new EventLogBuilder({ ...(options ?? {}), fn: 'createEventLog' });
  let row = 0;
  for (const e of events) b.add(e, row++);
  return b.build();
}
