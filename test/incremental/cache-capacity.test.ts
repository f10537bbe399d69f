import * as assert from 'node:assert/strict';
import { generateYaml } from '../../bench/generate';
import { DocumentCache } from '../../core/document';
import { toJs } from '../../core/nodes';

describe('DocumentCache capacity (server memory)', () => {
  const texts = [0, 1, 2].map((i) => generateYaml(40, 7 + i));
  const uri = (i: number): string => `file:///cap/t${i}.yaml`;

  it('keeps only the most recently used documents, and parses an evicted one again to the same tree', () => {
    const cache = new DocumentCache(2);
    const first = cache.get(uri(0), 1, texts[0]);
    cache.get(uri(1), 1, texts[1]);
    assert.equal(cache.get(uri(0), 1, texts[0]), first, 'a hit returns the cached parse and marks it recent');
    cache.get(uri(2), 1, texts[2]);
    assert.equal(cache.peek(uri(1)), undefined, 'the least recently used document is dropped');
    assert.equal(cache.peek(uri(0)), first);
    const again = cache.get(uri(1), 1, texts[1]);
    assert.equal(again.kind, 'cfn');
    assert.deepEqual(toJs(again.root), toJs(new DocumentCache().get(uri(1), 1, texts[1]).root));
    assert.equal(cache.peek(uri(2)) !== undefined && cache.peek(uri(0)) === undefined, true, 'capacity still holds');
  });

  it('keeps everything without a capacity (the default)', () => {
    const cache = new DocumentCache();
    texts.forEach((t, i) => cache.get(uri(i), 1, t));
    for (let i = 0; i < texts.length; i++) assert.ok(cache.peek(uri(i)));
  });
});
