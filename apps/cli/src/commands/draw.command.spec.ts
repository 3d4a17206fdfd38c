import { describe, expect, it } from 'vitest';
import { parseShareOption } from './draw.command.js';

// The rules of a run (shares, windows, the R14 yearly cap) are core's: packages/core/src/draws/draw-rules.spec.ts.
describe('draw run options', () => {
  it('parses a share exactly and refuses anything outside [0, 1]', () => {
    expect(parseShareOption(' 0.30 ')).toBe('0.30');
    expect(() => parseShareOption('1.5')).toThrow(/share/);
    expect(() => parseShareOption('30%')).toThrow(/share/);
  });
});
