import { createReadStream } from 'node:fs';
import { ChurnkitError } from '../internal/errors.js';

/**
 * Streams a file as text into `feed`, one decoded chunk at a time, so files larger than the
 * largest JS string still load. `TextDecoder` in streaming mode holds back a UTF-8 sequence
 * cut by a chunk boundary until its remaining bytes arrive (WHATWG Encoding Standard, the
 * UTF-8 decoder's "bytes needed" state), so no character is split or replaced.
 *
 * @internal
 */
export async function readTextChunks(path: string, chunkBytes: number, feed: (text: string) => void, fn: string): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let stream: ReturnType<typeof createReadStream>;
  try {
    stream = createReadStream(path, { highWaterMark: chunkBytes });
    for await (const chunk of stream) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text.length > 0) feed(text);
    }
  } catch (e) {
    throwIo(fn, e, 'read', path, 'path', 'a readable file');
  }
  const rest = decoder.decode();
  if (rest.length > 0) feed(rest);
}

/**
 * Rethrows a ChurnkitError as it is; any other failure of a file-system call on `target`
 * becomes `IO_ERROR` with the system's code and message. @internal
 */
export function throwIo(fn: string, e: unknown, verb: 'read' | 'list', target: string, field: string, expected: string): never {
  if (e instanceof ChurnkitError) throw e;
  const err = e as NodeJS.ErrnoException;
  // Node's message already starts with the code ("ENOENT: no such file ..."); add it only when it does not.
  const message = err.code !== undefined && !String(err.message).startsWith(err.code) ? `${err.code} ${err.message}` : String(err.message);
  throw new ChurnkitError('IO_ERROR', `${fn}: cannot ${verb} ${JSON.stringify(target)}: ${message}`, {
    field,
    expected,
    received: target,
  });
}
