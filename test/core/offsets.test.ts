import * as assert from 'node:assert/strict';
import { rng } from '../../bench/generate';
import { normalizeBreaks, OffsetMap } from '../../core/parse/offsets';

describe('OffsetMap (core/parse/offsets.ts)', () => {
  it('maps every character of a rewritten text back to where it was, in any order of queries', () => {
    const r = rng(17);
    for (let round = 0; round < 200; round++) {
      const original = Array.from({ length: 50 + Math.floor(r() * 200) }, () => 'ab \n'[Math.floor(r() * 4)]).join('');
      // Rewrite: drop some characters (as CRLF loses its CR) or insert runs of spaces before others (never both at
      // one place); remember where each kept one came from. A character right after dropped ones maps to the first
      // of them (the end of a line before a CRLF is before its CR).
      const map = new OffsetMap();
      let out = '';
      const from: number[] = [];
      let dropped = -1;
      for (let i = 0; i < original.length; i++) {
        const x = r();
        if (x < 0.1) {
          map.add(out.length, -1);
          if (dropped < 0) dropped = i;
          continue;
        }
        if (x < 0.2 && dropped < 0) {
          const n = 1 + Math.floor(r() * 4);
          map.add(out.length, n);
          out += ' '.repeat(n);
          for (let k = 0; k < n; k++) from.push(i);
        }
        out += original[i];
        from.push(dropped >= 0 ? dropped : i);
        dropped = -1;
      }
      const order = from.map((_, i) => i).sort(() => r() - 0.5);
      for (const p of [...from.keys(), ...order]) assert.equal(map.toOriginal(p), from[p], `round ${round}, offset ${p}`);
    }
  });

  it('normalizeBreaks makes CRLF and a lone CR one LF and maps offsets back', () => {
    const text = 'a\r\nb\rc\n\r\n\rd';
    const { text: lf, map } = normalizeBreaks(text);
    assert.equal(lf, 'a\nb\nc\n\n\nd');
    const back = [...lf].map((_, i) => map!.toOriginal(i));
    assert.deepEqual(back, [0, 1, 3, 4, 5, 6, 7, 9, 10]);
    assert.equal(normalizeBreaks('no breaks\n').map, undefined);
  });
});
