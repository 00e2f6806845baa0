import type { EventLog } from './EventLog.js';
import { EventLogBuilder } from './EventLogBuilder.js';
import { INGEST_OPTIONS, type EventInput, type IngestOptions } from './types.js';
import { knownOptions } from '../internal/args.js';

/**
 * Builds an {@link EventLog} from an async stream of events (a database cursor, a message
 * queue, a paged API), without holding the objects in memory: each event goes straight into
 * the columns.
 *
 * @param events - an async (or sync) iterable of {@link EventInput}
 * @param options - as for {@link createEventLog}
 * @returns the sorted log
 * @throws ChurnkitError as {@link createEventLog}
 * @example
 * ```ts
 * async function* page() { yield { customerId: 1, time: 0, type: 'login' }; }
 * const log = await createEventLogAsync(page()); // log.size === 1
 * ```
 * @category Data
 */
export async function createEventLogAsync(
  events: AsyncIterable<EventInput> | Iterable<EventInput>,
  options: IngestOptions = {},
): Promise<EventLog> {
  knownOptions('createEventLogAsync', options, INGEST_OPTIONS);
  const b = new EventLogBuilder({ ...options, fn: 'createEventLogAsync' });
  let row = 0;
  for await (const e of events) b.add(e, row++);
  return b.build();
}
