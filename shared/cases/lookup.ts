import type { LookupLimits, LookupPurpose } from '../abuse/rate-limits.js';
import { NotFoundError } from '../errors.js';
import type { CaseRepository, FollowedCase } from '../store/case-repository.js';
import type { FollowUpCase } from './case.js';
import { normaliseReceiptCode, type ReceiptBook } from './receipt.js';

export interface LookupDeps {
  cases: Pick<CaseRepository, 'withFollowing' | 'attach'>;
  receipts: ReceiptBook;
  lookupLimits: Pick<LookupLimits, 'check'>;
  clock: () => Date;
}

/** Who is looking a case up: the client's hashed address for the limit, and the voter to attach it to. */
export interface LookupClient {
  addressHash: string | null;
  voterId: string | null;
}

/**
 * Opens a case by its number and receipt code, from any device, and attaches it to the voter
 * `attachTo` names (this browser's, issued only then if it has none) when asked. Counted against the client's limit first, right or wrong; a wrong
 * code and a case that does not exist are one answer (not found), after the same work: the case is
 * read either way and the code hashed once (receiptBook.matches).
 */
export async function lookUpCase(
  deps: LookupDeps,
  request: { caseId: string; code: string },
  client: LookupClient,
  attachTo: (() => string) | null,
  purpose: LookupPurpose = { kind: 'lookup' },
): Promise<FollowUpCase> {
  await deps.lookupLimits.check(client, deps.clock(), purpose);
  const found = await deps.cases.withFollowing(request.caseId);
  const receipt = found?.following.receipt ?? null;
  if (!deps.receipts.matches(receipt, request.code) || !found || !receipt) {
    throw new NotFoundError('case', request.caseId);
  }
  if (attachTo !== null) {
    const code = normaliseReceiptCode(request.code)!;
    await deps.cases.attach(attachTo(), found.case.caseId, { stored: receipt, sealed: deps.receipts.seal(code) });
  }
  return found.case;
}

/** The receipt code a voter's pointer keeps for a case, if it is still the case's code; else null. */
export function receiptCodeOf(receipts: ReceiptBook, followed: FollowedCase): string | null {
  const code = followed.sealedCode === null ? null : receipts.unseal(followed.sealedCode);
  return code !== null && receipts.matches(followed.receipt, code) ? code : null;
}
