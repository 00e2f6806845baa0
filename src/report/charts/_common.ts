/**
 * Shared pieces of the chart functions: option checks, the common frame (schema, title, size,
 * theme), input checks that name the row, and the empty-state spec.
 *
 * @internal
 * @module
 */
import { optionsOf } from '../../internal/args.js';
import { ChurnkitError, invalidOption, show } from '../../internal/errors.js';
import type { ChartOptions, ChartSpec } from '../ChartSpec.js';
import { PALETTE, SCHEMA, themeConfig } from '../_theme.js';
import { integerText } from '../../internal/format.js';

/** Defaults a chart function gives its frame. @internal */
export interface FrameDefaults {
  title: string;
  subtitle?: string | undefined;
  width: number;
  height: number;
  /** One sentence for screen readers (the SVG's aria description). */
  description: string;
}

/** Validates the shared chart options; returns them as an object. @internal */
export function chartOptions<T extends ChartOptions>(fn: string, options: T | undefined): T {
  const o = optionsOf(fn, options);
  if (o.title !== undefined && typeof o.title !== 'string') invalidOption(fn, 'title', 'a string', o.title);
  if (o.subtitle !== undefined && typeof o.subtitle !== 'string') invalidOption(fn, 'subtitle', 'a string', o.subtitle);
  for (const key of ['width', 'height'] as const) {
    const v = o[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)) {
      invalidOption(fn, key, 'a finite number of pixels > 0', v);
    }
  }
  return o;
}

/** The top-level properties every chart spec shares. @internal */
export function frame(options: ChartOptions, d: FrameDefaults) {
  const text = options.title ?? d.title;
  const subtitle = options.subtitle ?? d.subtitle;
  return {
    $schema: SCHEMA,
    description: d.description,
    title: subtitle === undefined || subtitle === '' ? text : { text, subtitle },
    width: options.width ?? d.width,
    height: options.height ?? d.height,
    config: themeConfig(),
  };
}

/**
 * The empty-state spec: the chart's frame with one centred line of text. Chart functions return
 * it for empty input, so that a report or dashboard still shows the panel and says why it is
 * blank. @internal
 */
export function emptyChart(f: ReturnType<typeof frame>, message: string): ChartSpec {
  return {
    ...f,
    data: { values: [{ message }] },
    mark: { type: 'text', fontSize: 13, color: PALETTE.muted },
    encoding: { text: { field: 'message', type: 'nominal' } },
  };
}

/** Throws `INVALID_INPUT` unless `value` is an array (or array-like for typed arrays). @internal */
export function checkRows(fn: string, value: unknown, what: string): asserts value is ArrayLike<unknown> {
  if (value === null || typeof value !== 'object' || typeof (value as { length?: unknown }).length !== 'number') {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: expected ${what}; received ${show(value)}.`, {
      expected: what,
      received: value,
    });
  }
}

/** Throws `INVALID_INPUT` unless row `row` is an object. @internal */
export function checkObject(fn: string, value: unknown, row: number, what: string): asserts value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') {
    throw new ChurnkitError('INVALID_INPUT', `${fn}: row ${row} must be ${what}; received ${show(value)}.`, {
      row, expected: what, received: value,
    });
  }
}

/** Throws `INVALID_INPUT` naming the row and field. @internal */
export function badField(fn: string, row: number, field: string, expected: string, received: unknown): never {
  throw new ChurnkitError('INVALID_INPUT', `${fn}: "${field}" of row ${row} must be ${expected}; received ${show(received)}.`, {
    row, field, expected, received,
  });
}

/** A finite number, else `INVALID_INPUT` with the row and field. @internal */
export function finiteAt(fn: string, value: unknown, row: number, field: string, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range = min === -Infinity && max === Infinity ? 'a finite number'
      : max === Infinity ? `a finite number ≥ ${min}` : `a number in [${min}, ${max}]`;
    badField(fn, row, field, range, value);
  }
  return value;
}

/** A number, NaN, or a missing value; else `INVALID_INPUT`. NaN and absence become `null` (JSON-safe, drawn as a gap). @internal */
export function optionalAt(fn: string, value: unknown, row: number, field: string, min = -Infinity, max = Infinity): number | null {
  if (value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value))) return null;
  return finiteAt(fn, value, row, field, min, max);
}

/** A non-empty string, else `INVALID_INPUT`. @internal */
export function stringAt(fn: string, value: unknown, row: number, field: string): string {
  if (typeof value !== 'string' || value === '') badField(fn, row, field, 'a non-empty string', value);
  return value;
}

/** `x` as JSON-safe number: NaN and ±Infinity become null. @internal */
export function jsonNumber(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Throws `INVALID_INPUT` for the second occurrence of a key that must be unique. @internal */
export function duplicate(fn: string, row: number, field: string, key: string): never {
  throw new ChurnkitError('INVALID_INPUT', `${fn}: ${field} ${show(key)} appears twice (again at row ${row}); each must be unique.`, {
    row, field, expected: `a unique ${field}`, received: key,
  });
}

/** Formats a share as a percentage for titles: 0.1234 → "12.3%". @internal */
export function percent(x: number, digits = 1): string {
  return `${(100 * x).toFixed(digits)}%`;
}

/** An integer with thousands separators, locale-free: 12345 → "12,345". @internal */
export function integer(x: number): string {
  return integerText(x);
}
