import * as assert from 'node:assert/strict';
import { globContains, globsOverlap } from '../../core/policy/glob';

describe('IAM wildcard patterns as sets', () => {
  const contains: [string, string, boolean][] = [
    ['*', 'anything', true],
    ['a*', 'ab*', true],
    ['ab*', 'a*', false],
    ['a?c', 'abc', true],
    ['a?c', 'a?c', true],
    ['abc', 'a?c', false],
    ['a*c', 'a?c', true],
    ['a*', 'a', true],
    ['a?*', 'a', false],
    // `*?` and `?*` are the same set: one or more characters.
    ['*?', '?*', true],
    ['?*', '*?', true],
    ['a*b*c', 'a*c', false],
    ['a*c', 'a*b*c', true],
    ['arn:aws:s3:::b1/*', 'arn:aws:s3:::b10/*', false],
    ['arn:aws:s3:::b1*', 'arn:aws:s3:::b10/*', true],
  ];
  for (const [outer, inner, expected] of contains)
    it(`${outer} ${expected ? 'contains' : 'does not contain'} ${inner}`, () => assert.equal(globContains(outer, inner), expected));

  it('actions compare case-insensitively, ARNs case-sensitively', () => {
    assert.equal(globContains('S3:Get*', 's3:getobject', true), true);
    assert.equal(globContains('arn:aws:s3:::B/*', 'arn:aws:s3:::b/x'), false);
  });

  const overlap: [string, string, boolean][] = [
    ['a*', '*b', true],
    ['a*', 'b*', false],
    ['a?c', 'ab?', true],
    ['abc', 'abd', false],
    ['x*y', 'x?', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::c/*', false],
  ];
  for (const [a, b, expected] of overlap)
    it(`${a} and ${b} ${expected ? 'overlap' : 'do not overlap'}`, () => {
      assert.equal(globsOverlap(a, b), expected);
      assert.equal(globsOverlap(b, a), expected);
    });
});
