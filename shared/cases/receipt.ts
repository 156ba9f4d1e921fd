import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';

/**
 * A case receipt: the case number and a short secret code that opens the case from any device
 * (/cases/lookup), without an account. Ten characters of Crockford's base32, 50 random bits: with
 * look-ups limited per client (shared/abuse/rate-limits.ts), guessing one case's code would take
 * some 10^14 attempts. The case keeps only a salted SHA-256 of the code; the browser that filed the
 * case keeps it sealed in its voter's pointer to the case, so /me can show it again (docs/security.md).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_CODE_LENGTH = 10;

/** What the case item stores of its code. */
export const ReceiptHash = z.strictObject({
  salt: z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/)),
  hash: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
});
export type ReceiptHash = z.infer<typeof ReceiptHash>;

/** A new code: each random byte's low five bits pick a letter (256 is a multiple of 32, so no letter is likelier). */
export function newReceiptCode(): string {
  return [...randomBytes(RECEIPT_CODE_LENGTH)].map((byte) => ALPHABET[byte & 31]).join('');
}

/**
 * A code as a person typed it, in the form it was issued: any case, spaces and dashes ignored,
 * and the letters Crockford's alphabet leaves out read as the digits they look like. Null if it
 * cannot be a code.
 */
export function normaliseReceiptCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return code.length === RECEIPT_CODE_LENGTH && [...code].every((ch) => ALPHABET.includes(ch)) ? code : null;
}

/** `7KQ2M-X9D4R`: two groups of five, easier to read out and copy by hand. */
export const formatReceiptCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

/** The address of a case's private feed (shared/http/api/routes/case-feed.ts): it carries the code, so it is as private. */
export const caseFeedPath = (caseId: string, code: string) =>
  `/api/v1/feeds/cases/${encodeURIComponent(caseId)}.atom?code=${formatReceiptCode(code)}`;

/** The stored hash of a code: SHA-256 over the case's own salt and the code. */
export const receiptDigest = (salt: string, code: string): Buffer =>
  createHash('sha256').update(`${salt}|${code}`).digest();

/** A freshly issued receipt: the code for the citizen, its hash for the case, its sealed copy for the voter's pointer. */
export interface IssuedReceipt {
  code: string;
  stored: ReceiptHash;
  sealed: string;
}

// What a look-up of a case that does not exist (or has no receipt) compares against: the same work, never a match.
const NO_SALT = Buffer.alloc(16).toString('base64url');
const NO_HASH = Buffer.alloc(32);

/**
 * Issues, checks and unseals receipt codes. `digest` is the hash every check computes exactly once;
 * the tests pass a counting one to show a check of an unknown case does the same work.
 */
export function receiptBook(secret: string, digest: typeof receiptDigest = receiptDigest) {
  const key = createHmac('sha256', secret).update('gongping case receipt v1').digest();
  return {
    issue(): IssuedReceipt {
      const code = newReceiptCode();
      const salt = randomBytes(16).toString('base64url');
      return { code, stored: { salt, hash: digest(salt, code).toString('base64url') }, sealed: this.seal(code) };
    },

    /**
     * Whether `typed` is the code of the receipt `stored`, in constant time: one digest and one
     * timingSafeEqual whether or not there is a receipt and whether or not the code is well formed.
     */
    matches(stored: ReceiptHash | null, typed: string): boolean {
      const code = normaliseReceiptCode(typed);
      const expected = stored ? Buffer.from(stored.hash, 'base64url') : NO_HASH;
      const actual = digest(stored?.salt ?? NO_SALT, code ?? '');
      return timingSafeEqual(actual, expected) && stored !== null && code !== null;
    },

    /** The code, encrypted (AES-256-GCM) under a key derived from the deployment's secret. */
    seal(code: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },

    /** The sealed code, or null if it was not sealed with this deployment's secret. */
    unseal(sealed: string): string | null {
      const raw = Buffer.from(sealed, 'base64url');
      if (raw.length < 29) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

export type ReceiptBook = ReturnType<typeof receiptBook>;
