/** A typed array accepted by {@link grown}. */
export type GrowableArray = Float64Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

/**
 * A new array of the same type and the given length holding a copy of `a` (the rest zero):
 * the one way churnkit grows its typed-array buffers.
 *
 * @internal
 */
export function grown<T extends GrowableArray>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a.length > length ? (a.subarray(0, length) as T) : a);
  return b;
}
