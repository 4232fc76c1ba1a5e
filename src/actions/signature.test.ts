// Signing and verifying against each other, for any body and secret; and every way a header can
// be wrong: another body, timestamp or secret, a stale time, a malformed value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './signature.js';

const at = new Date(Date.UTC(2026, 2, 3, 12, 0, 0));
const seconds = (n: number) => new Date(at.getTime() + n * 1000);

// Well-formed strings: a lone surrogate has no UTF-8 form, so two such bodies could be one byte
// sequence. Real bodies are JSON.stringify output, which escapes them.
const body = fc.string({ unit: 'grapheme', maxLength: 200 });
const secret = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 64 });
const instant = fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true });

describe('webhook signatures', () => {
  it('verifies what it signed, for any body, secret and time', () => {
    fc.assert(fc.property(secret, body, instant, (s, b, now) => verifySignature(s, signBody(s, b, now), b, now)));
  });

  it('fails for any other body', () => {
    fc.assert(
      fc.property(secret, body, body, (s, b, other) => {
        fc.pre(b !== other);
        return !verifySignature(s, signBody(s, b, at), other, at);
      }),
    );
  });

  it('fails for any other secret', () => {
    fc.assert(
      fc.property(secret, secret, body, (s, other, b) => {
        fc.pre(s !== other);
        return !verifySignature(other, signBody(s, b, at), b, at);
      }),
    );
  });

  it('fails when the timestamp is changed, even to one within the tolerance', () => {
    fc.assert(
      fc.property(secret, body, fc.integer({ min: -300, max: 300 }).filter((d) => d !== 0), (s, b, delta) => {
        const header = signBody(s, b, at);
        const t = Math.floor(at.getTime() / 1000);
        return !verifySignature(s, header.replace(`t=${t}`, `t=${t + delta}`), b, at);
      }),
    );
  });

  it('accepts a time within the tolerance either way and rejects a stale or future one', () => {
    const header = signBody('hemmeleg', '{}', at);
    expect(verifySignature('hemmeleg', header, '{}', seconds(300))).toBe(true);
    expect(verifySignature('hemmeleg', header, '{}', seconds(-300))).toBe(true);
    expect(verifySignature('hemmeleg', header, '{}', seconds(301))).toBe(false);
    expect(verifySignature('hemmeleg', header, '{}', seconds(-301))).toBe(false);
    expect(verifySignature('hemmeleg', header, '{}', seconds(3600), 3600)).toBe(true);
  });

  it('passes when any of several v1 entries matches (secret rotation)', () => {
    const header = signBody(['gammal', 'ny'], '{"a":1}', at);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifySignature('gammal', header, '{"a":1}', at)).toBe(true);
    expect(verifySignature('ny', header, '{"a":1}', at)).toBe(true);
    expect(verifySignature('tredje', header, '{"a":1}', at)).toBe(false);
  });

  it('ignores schemes it does not know, but needs a v1', () => {
    const header = signBody('s', 'x', at);
    expect(verifySignature('s', `${header},v0=abc`, 'x', at)).toBe(true);
    expect(verifySignature('s', header.replace('v1=', 'v0='), 'x', at)).toBe(false);
  });

  it('rejects malformed headers', () => {
    const good = signBody('s', 'x', at);
    const t = Math.floor(at.getTime() / 1000);
    const v1 = good.split('v1=')[1]!;
    for (const header of [undefined, '', 'garbage', `t=${t}`, `v1=${v1}`, `t=${t},v1=${v1.slice(1)}`, `t=${t},v1=${v1}zz`, `t=abc,v1=${v1}`, `t=${t},t=${t},v1=${v1}`, `t=${t},,v1=${v1}`, `t=-${t},v1=${v1}`]) {
      expect(verifySignature('s', header, 'x', at), String(header)).toBe(false);
    }
    expect(verifySignature('', good, 'x', at)).toBe(false);
  });

  it('refuses to sign with an empty secret', () => {
    expect(() => signBody('', 'x', at)).toThrow(/must not be empty/);
    expect(() => signBody([], 'x', at)).toThrow(/must not be empty/);
  });
});
