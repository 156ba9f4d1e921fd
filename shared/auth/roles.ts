import * as z from 'zod/mini';

/**
 * Staff roles, one Cognito user-pool group each. A citizen has none: citizens never sign in.
 * - monitor: moderates comments, replies officially, works the 差评 follow-up cases;
 * - publisher: publishes indicator values and project progress;
 * - admin: everything a monitor or publisher does, plus fraud marking and the audit log.
 */
export const ROLES = ['monitor', 'publisher', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** The claim Cognito puts a user's groups in, in ID and access tokens alike. */
export const GROUPS_CLAIM = 'cognito:groups';

/** The roles named in a token's groups claim; unknown groups and malformed claims give none. */
export function rolesOf(claims: Record<string, unknown>): Role[] {
  const groups = claims[GROUPS_CLAIM];
  if (!Array.isArray(groups)) return [];
  return ROLES.filter((role) => groups.includes(role));
}

/** Who did something, as the audit log and every revision record it: no e-mail, no phone. */
export interface Actor {
  /** The provider's stable subject id. */
  sub: string;
  /** The sign-in name, for people reading the log. */
  name: string;
  roles: Role[];
}

/** `name (sub)`: the one-line form stored where a revision says who made it. */
export const actorLabel = (actor: Actor) => (actor.name === actor.sub ? actor.sub : `${actor.name} (${actor.sub})`);
