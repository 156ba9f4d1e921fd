import { describe, expect, it } from 'vitest';
import { voterTokens } from '../../shared/feedback/voter-token.js';

const tokens = voterTokens('a-secret-of-at-least-thirty-two-chars!!');

describe('anonymous voter tokens', () => {
  it('verify to the voter id they were issued for', () => {
    const { token, voterId } = tokens.issue();
    expect(tokens.verify(token)).toBe(voterId);
  });

  it('are random: no two issued tokens share a voter id', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => tokens.issue().voterId));
    expect(ids.size).toBe(1000);
  });

  it('refuse a changed id, a changed signature, another secret and malformed text', () => {
    const { token } = tokens.issue();
    const [version, id, mac] = token.split('.') as [string, string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(tokens.verify(`${version}.${flip(id)}.${mac}`)).toBeNull();
    expect(tokens.verify(`${version}.${id}.${flip(mac)}`)).toBeNull();
    expect(voterTokens('another-secret-of-thirty-two-characters').verify(token)).toBeNull();
    for (const bad of ['', 'v1', `v2.${id}.${mac}`, `${token}.x`, 'v1..', `v1.${id}.${mac.slice(1)}`]) {
      expect(tokens.verify(bad), bad).toBeNull();
    }
  });
});
