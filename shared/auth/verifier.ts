import {
  createRemoteJWKSet,
  customFetch,
  errors,
  jwtVerify,
  type FetchImplementation,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { DomainError, type ErrorExtras, type ErrorKind } from '../errors.js';
import { rolesOf, type Actor } from './roles.js';

/** Why a token was refused. `unavailable` is ours (the key set could not be fetched), not the caller's. */
export type AuthFailure =
  | 'missing'
  | 'malformed'
  | 'signature'
  | 'expired'
  | 'not-yet-valid'
  | 'issuer'
  | 'audience'
  | 'claims'
  | 'unavailable';

export class AuthError extends DomainError {
  readonly kind: ErrorKind;
  constructor(
    readonly reason: AuthFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.kind = reason === 'unavailable' ? 'service-unavailable' : 'unauthorized';
  }
  override extras(): ErrorExtras {
    return { detail: this.message, reason: this.reason };
  }
}

export interface StaffIdentity extends Actor {
  tokenUse: 'id' | 'access';
  /** When the token stops being accepted. */
  expiresAt: Date;
}

export interface StaffVerifier {
  /**
   * The identity in a genuine, current token for this app; throws AuthError otherwise. With a
   * `nonce` (the browser's sign-in), the token must carry exactly that nonce: an ID token minted
   * for another sign-in cannot be replayed into this one.
   */
  verify(token: string, expected?: { nonce?: string }): Promise<StaffIdentity>;
}

export interface VerifierOptions {
  issuer: string;
  /** The app client ids this API accepts: `aud` of an ID token, `client_id` of an access token. */
  clientIds: readonly string[];
  keys: JWTVerifyGetKey;
  /** Cognito signs with RS256; nothing weaker or symmetric is accepted. */
  algorithms?: string[];
  clock?: () => Date;
  /** Allowed clock skew between the provider and us. */
  clockToleranceSeconds?: number;
}

/**
 * Verifies staff tokens: signature against the provider's keys, issuer, expiry, and that the
 * token was issued to this app. Cognito's two kinds of token say so differently, and both are
 * handled explicitly: an ID token (`token_use: id`) names the app client in `aud`; an access
 * token (`token_use: access`) has no `aud` and names it in `client_id`. A token of any other
 * provider without `token_use` must name the client in `aud`. Roles come from `cognito:groups`.
 */
export function staffVerifier(options: VerifierOptions): StaffVerifier {
  const clientIds = new Set(options.clientIds);
  return {
    async verify(token, expected = {}) {
      if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) throw new AuthError('malformed', 'not a signed JWT');
      let payload: JWTPayload;
      const now = options.clock?.() ?? new Date();
      const tolerance = options.clockToleranceSeconds ?? 30;
      try {
        ({ payload } = await jwtVerify(token, options.keys, {
          issuer: options.issuer,
          algorithms: options.algorithms ?? ['RS256'],
          requiredClaims: ['exp', 'sub'],
          clockTolerance: tolerance,
          currentDate: now,
        }));
      } catch (error) {
        throw classify(error);
      }
      // jose checks iat only against a maximum token age; a token dated in the future was minted
      // with a wrong clock or to outlive its expiry's intent, and is refused like an early nbf.
      if (typeof payload.iat === 'number' && payload.iat > now.getTime() / 1000 + tolerance) {
        throw new AuthError('not-yet-valid', 'the token was issued in the future');
      }
      const tokenUse = payload.token_use;
      let issuedTo: boolean;
      if (tokenUse === 'access') {
        issuedTo = typeof payload.client_id === 'string' && clientIds.has(payload.client_id);
      } else if (tokenUse === 'id' || tokenUse === undefined) {
        const audiences =
          typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
        issuedTo = audiences.some((aud) => clientIds.has(aud));
      } else {
        throw new AuthError('claims', `token_use ${JSON.stringify(tokenUse)} is neither id nor access`);
      }
      if (!issuedTo) throw new AuthError('audience', 'the token was issued to another application');
      if (expected.nonce !== undefined && payload.nonce !== expected.nonce)
        throw new AuthError('claims', 'the token was issued for another sign-in (nonce)');
      const sub = String(payload.sub);
      const nameClaim = payload['cognito:username'] ?? payload.username ?? payload.preferred_username;
      return {
        sub,
        name: typeof nameClaim === 'string' && nameClaim.length > 0 ? nameClaim.slice(0, 128) : sub,
        roles: rolesOf(payload),
        tokenUse: tokenUse === 'access' ? 'access' : 'id',
        expiresAt: new Date(Number(payload.exp) * 1000),
      };
    },
  };
}

function classify(error: unknown): AuthError {
  if (error instanceof errors.JWTExpired) return new AuthError('expired', 'the token has expired', { cause: error });
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss')
      return new AuthError('issuer', 'the token was issued by another provider', { cause: error });
    if (error.claim === 'nbf' || error.claim === 'iat')
      return new AuthError('not-yet-valid', 'the token is not valid yet', { cause: error });
    return new AuthError('claims', `the token's ${error.claim} claim is not acceptable`, { cause: error });
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return new AuthError('signature', 'the token is not signed by the provider', { cause: error });
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return new AuthError('unavailable', 'the provider’s signing keys could not be read', { cause: error });
  }
  if (
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return new AuthError('malformed', 'the token is malformed or uses an algorithm we do not accept', { cause: error });
  }
  // A failed fetch of the key set (network, non-200): ours to fix, not the caller's.
  return new AuthError('unavailable', 'the provider’s signing keys could not be read', { cause: error });
}

const remoteSets = new Map<string, JWTVerifyGetKey>();

/**
 * The provider's key set, fetched on first use and cached for the life of the container (keys
 * for ten minutes; an unknown `kid` refetches at most every 30 seconds, so a key rotation is
 * picked up without a redeploy). One resolver per URL per process.
 */
export function remoteKeys(url: string, fetchImplementation?: FetchImplementation): JWTVerifyGetKey {
  if (fetchImplementation)
    return createRemoteJWKSet(new URL(url), { [customFetch]: fetchImplementation, timeoutDuration: 3000 });
  let keys = remoteSets.get(url);
  if (!keys) remoteSets.set(url, (keys = createRemoteJWKSet(new URL(url), { timeoutDuration: 3000 })));
  return keys;
}

/** The verifier of a configured provider (`staffSettingsOf(config).auth`); null when none is configured. */
export function verifierFor(
  auth: { issuer: string; clientIds: string[]; jwksUrl: string } | null,
): StaffVerifier | null {
  return auth
    ? staffVerifier({ issuer: auth.issuer, clientIds: auth.clientIds, keys: remoteKeys(auth.jwksUrl) })
    : null;
}
