import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes UTF-8 text to `target` (an absolute path) the safe way: missing folders are created,
 * the text goes to a temporary file beside the target, which is then renamed, so a reader never
 * sees a half-written file. On failure the temporary file is removed and `fail` is called with
 * the error (it throws the caller's own `IO_ERROR`). @internal
 */
export async function writeTextFile(target: string, text: string, fail: (e: unknown) => never): Promise<void> {
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(temp, text, 'utf8');
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    fail(e);
  }
}
