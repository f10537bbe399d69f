import * as assert from 'node:assert/strict';
import { LineIndex } from '../../core/positions';
import { rng } from '../../bench/generate';

function starts(idx: LineIndex): number[] {
  const out: number[] = [];
  for (let l = 0; l < idx.lineCount; l++) out.push(idx.lineStart(l));
  return out;
}

describe('LineIndex.afterEdit', () => {
  it('gives the line starts of a fresh index after random edits, line breaks of every kind included', () => {
    const r = rng(3);
    const pieces = ['a', 'b', ' ', '\n', '\r\n', '\r', 'Key: v', '日本'];
    const piece = (): string => pieces[Math.floor(r() * pieces.length)];
    let text = Array.from({ length: 200 }, piece).join('');
    let idx = new LineIndex(text);
    for (let step = 0; step < 3000; step++) {
      const start = Math.floor(r() * (text.length + 1));
      const oldEnd = Math.min(text.length, start + Math.floor(r() * 4));
      const inserted = Array.from({ length: Math.floor(r() * 3) }, piece).join('');
      const next = text.slice(0, start) + inserted + text.slice(oldEnd);
      const moved = LineIndex.afterEdit(idx, next, start, oldEnd, start + inserted.length);
      const fresh = new LineIndex(next);
      assert.deepEqual(starts(moved), starts(fresh), `step ${step}: ${JSON.stringify(text)} → ${JSON.stringify(next)}`);
      for (const o of [0, start, next.length, Math.floor(r() * next.length)]) assert.deepEqual(moved.positionAt(o), fresh.positionAt(o));
      text = next;
      idx = moved;
    }
  });
});
