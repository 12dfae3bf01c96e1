import { createHash } from 'node:crypto';
import { payloadHash, requestKey } from '../../cloudfunctions/core/requests/idempotency';

/**
 * The idempotency rules' edges that ledger.deciders.test.ts leaves open, found by mutation
 * testing (docs/mutation.md): each test names the wrong rule it catches.
 */
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('the payload hash', () => {
  it('is the SHA-256 of one canonical JSON text (keys sorted, undefined left out), so hashes stored before a release still match after it', () => {
    const input = { poolCommunityId: 'c1', amountMinutes: 5, ids: ['a', 'b'], memo: undefined, nested: { y: null, x: true } };
    expect(payloadHash('donate', 'coins', input)).toBe(
      sha256('{"action":"coins","fn":"donate","input":{"amountMinutes":5,"ids":["a","b"],"nested":{"x":true,"y":null},"poolCommunityId":"c1"}}'),
    );
  });
  it('a field left undefined is the same request as one left out (JSON drops it on the way)', () => {
    expect(payloadHash('f', 'a', { x: 1, memo: undefined })).toBe(payloadHash('f', 'a', { x: 1 }));
  });
  it('lists differ by their items and order, and are not objects with numbered keys', () => {
    const hashes = [
      { ids: ['a'] },
      { ids: ['b'] },
      { ids: ['a', 'b'] },
      { ids: ['b', 'a'] },
      { ids: [12, 3] },
      { ids: [1, 23] },
      { ids: { 0: 'a' } },
      { ids: [] },
    ].map((input) => payloadHash('f', 'a', input));
    expect(new Set(hashes).size).toBe(hashes.length);
  });
});

describe('request keys', () => {
  it("are per caller: two people's same requestId are two requests", () => {
    expect(requestKey('u1', 'r1')).toBe('u1:r1');
    expect(requestKey('u2', 'r1')).not.toBe(requestKey('u1', 'r1'));
  });
});
