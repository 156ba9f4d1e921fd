import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An anonymous voter token: a random id and its HMAC, so the server can tell its own tokens
 * from forged ones without storing a list of them. Nothing in it identifies a person.
 * Format: v1.<id>.<mac>, both base64url.
 */
const VERSION = 'v1';

export interface VoterTokens {
  issue(): { token: string; voterId: string };
  /** The voter id of a genuine token, or null. */
  verify(token: string): string | null;
}

export function voterTokens(secret: string): VoterTokens {
  const mac = (id: string) => createHmac('sha256', secret).update(`${VERSION}.${id}`).digest().subarray(0, 18);
  return {
    issue() {
      const voterId = randomBytes(16).toString('base64url');
      return { voterId, token: `${VERSION}.${voterId}.${mac(voterId).toString('base64url')}` };
    },
    verify(token) {
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== VERSION) return null;
      const [, voterId, signature] = parts as [string, string, string];
      if (!/^[A-Za-z0-9_-]{22}$/.test(voterId) || !/^[A-Za-z0-9_-]{24}$/.test(signature)) return null;
      return timingSafeEqual(Buffer.from(signature, 'base64url'), mac(voterId)) ? voterId : null;
    },
  };
}
