import { describe, expect, it } from 'vitest';
import { groupDigits, integerText } from '../../src/internal/format.js';

describe('locale-free number text', () => {
  it('groups digits in threes from the right', () => {
    expect(['0', '12', '123', '1234', '123456', '1234567'].map(groupDigits)).toEqual(['0', '12', '123', '1,234', '123,456', '1,234,567']);
  });
  it('rounds to a whole number (halves away from zero), signs only what does not round to 0', () => {
    expect(integerText(12345.6)).toBe('12,346');
    expect(integerText(-1234.5)).toBe('-1,235');
    expect(integerText(-0.4)).toBe('0');
    expect(integerText(-0)).toBe('0');
    expect(integerText(-2500, '−')).toBe('−2,500');
    expect(integerText(999.5)).toBe('1,000');
  });
  it('spells NaN and infinities as JavaScript does', () => {
    expect([Number.NaN, Infinity, -Infinity].map((x) => integerText(x))).toEqual(['NaN', 'Infinity', '-Infinity']);
  });
});
