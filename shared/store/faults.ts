/**
 * Whether an error means the store is unavailable for now (throttled, failing, unreachable,
 * too slow), as opposed to a bug: the first is the client's to retry, the second is ours.
 */
const UNAVAILABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);

export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { name, code, $metadata } = error as Error & { code?: string; $metadata?: { httpStatusCode?: number } };
  if (UNAVAILABLE_NAMES.has(name) || (code !== undefined && NETWORK_CODES.has(code))) return true;
  if (($metadata?.httpStatusCode ?? 0) >= 500) return true;
  // Node's fetch and sockets wrap the network error one level down.
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause !== error && isStoreUnavailable(cause);
}

/** A conditional write refused because the item was not as expected: another writer came first. */
export const isConditionFailure = (error: unknown) =>
  (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

/** Awaits a conditional write: true once it landed, false when its condition did not hold. */
export async function landed(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
