import type { Context, MiddlewareHandler } from 'hono';
import { AuthError, type StaffIdentity, type StaffVerifier } from '../auth/verifier.js';
import type { Role } from '../auth/roles.js';
import type { Logger } from '@aws-lambda-powertools/logger';
import { ProblemError, problemResponse } from './problem.js';

/** What a staff route may read from its context once `requireRole` let the request through. */
export type StaffEnv = { Variables: { staff: StaffIdentity } };

const REALM = 'gongping-staff';

/**
 * Staff routes: a bearer token verified by the app itself (API Gateway's authorizer is a first
 * gate, not the only one), then one of `roles` among the token's groups. Deny by default: no
 * verifier configured, no token, a bad one, or a role not listed are all refused.
 * 401 for anything wrong with the token, 403 for a genuine token without the role. Answers are
 * never cached by anyone.
 */
export function requireRole(
  deps: { staffAuth: StaffVerifier | null; logger: Logger },
  ...roles: Role[]
): MiddlewareHandler<StaffEnv> {
  const allowed = new Set<Role>(roles);
  return async (c, next) => {
    const refused = await authorise(c);
    if (refused) {
      refused.headers.set('Cache-Control', 'no-store');
      return refused;
    }
    await next();
    c.res.headers.set('Cache-Control', 'private, no-store');
  };

  async function authorise(c: Context<StaffEnv>): Promise<Response | null> {
    if (!deps.staffAuth)
      return problemResponse(c, 'service-unavailable', { detail: 'staff sign-in is not configured' });
    const header = c.req.header('Authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      c.header('WWW-Authenticate', `Bearer realm="${REALM}"`);
      return problemResponse(c, 'unauthorized', { detail: 'send a staff token as Authorization: Bearer <token>' });
    }
    let identity: StaffIdentity;
    try {
      identity = await deps.staffAuth.verify(match[1]!);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      if (error.reason === 'unavailable') {
        deps.logger.error('staff token verification unavailable', { error });
        return problemResponse(c, 'service-unavailable', { detail: 'the sign-in provider cannot be reached' });
      }
      c.header('WWW-Authenticate', `Bearer realm="${REALM}", error="invalid_token"`);
      return problemResponse(c, 'unauthorized', { detail: error.message, reason: error.reason });
    }
    if (!identity.roles.some((role) => allowed.has(role))) {
      c.header('WWW-Authenticate', `Bearer realm="${REALM}", error="insufficient_scope"`);
      return problemResponse(c, 'forbidden', { detail: `this needs one of the roles ${[...allowed].join(', ')}` });
    }
    c.set('staff', identity);
    return null;
  }
}

/** The signed-in staff member; requireRole put it there, and without it nothing proceeds. */
export function staffOf<E extends StaffEnv>(c: Context<E>): StaffIdentity {
  const staff = (c as unknown as Context<StaffEnv>).get('staff');
  if (!staff) throw new ProblemError('unauthorized', { detail: 'no staff identity on this request' });
  return staff;
}

/** A CSV answer: UTF-8, as an attachment with a dated file name. */
export function csvResponse(c: Context, { name, body }: { name: string; body: string }, now: Date): Response {
  return c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}-${now.toISOString().slice(0, 10)}.csv"`,
  });
}
