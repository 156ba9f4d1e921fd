import type { Context, MiddlewareHandler } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { Role } from '../../shared/auth/roles.js';
import type { ErrorKind } from '../../shared/errors.js';
import type { PlanScope, PlanScopedEnv } from '../../shared/http/plan-scope.js';
import { explain, type ProblemStatus } from '../../shared/http/problem.js';
import type { StaffEnv } from '../../shared/http/staff-auth.js';
import type { WebAssets } from '../assets.js';
import { pageContext } from '../context.js';
import { staffMessages, type StaffMessages } from './i18n.js';
import type { StaffContext } from './layout.js';
import type { Refusal } from './session.js';

/**
 * What the staff pages' route modules (web/staff/*-routes.tsx) share: how a page is answered, who
 * may open it, and how a form's fields are read. Built once by staffWebRoutes (routes.tsx).
 */

export const MONITORS: readonly Role[] = ['monitor', 'admin'];
export const PUBLISHERS: readonly Role[] = ['publisher', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];
export const STAFF: readonly Role[] = ['monitor', 'publisher', 'admin'];

export type Status = 200 | ProblemStatus;
export type Notice = { kind: 'ok' | 'error'; text: string } | null;

/** A staff page's context: the signed-in member and, on a plan's pages, its plan. */
export type StaffPageEnv = StaffEnv & PlanScopedEnv;

export interface StaffPageTools {
  assets: WebAssets;
  render: (c: Context, page: (ctx: StaffContext) => JSX.Element, status?: Status) => Promise<Response>;
  /** The session check: a signed-in member with one of `roles`, else sign-in or a refusal page. */
  session: (roles: readonly Role[]) => MiddlewareHandler<StaffEnv>;
  refuse: (c: Context, why: Refusal, roles: readonly Role[]) => Promise<Response>;
  notFound: (c: Context) => Promise<Response>;
  tooLarge: (body: (s: StaffMessages) => string) => (c: Context) => Promise<Response>;
  /** The limit of an ordinary form's body. */
  formLimit: MiddlewareHandler;
}

/** The page's staff strings, in the reader's language. */
export const messagesOf = (c: Context, assets: WebAssets): StaffMessages => staffMessages(pageContext(c, assets).lang);

/** The plan a staff page is about, when it is one plan's page; null on pages of no plan (a comment, the audit log). */
export const scopeOf = (c: Context): PlanScope | null => (c as Context<PlanScopedEnv>).get('planScope') ?? null;

/** Where a plan's staff pages start: `/staff` for the current plan's, `/staff/plans/{id}` for a named one's. */
export const staffHome = (scope: PlanScope | null): string => `/staff${scope?.base ?? ''}`;

/** A form field with something in it, or undefined. */
export function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A field as it was typed, to show it again in the form. */
export function typedText(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** A field that may come several times (checkboxes), as its strings. */
export const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');

/** A domain error a form explains, as its notice and its problem's status; any other error is thrown on, to onError. */
export function explained(error: unknown, byKind: { readonly [K in ErrorKind]?: string }): [Notice, Status] {
  const found = explain(error, byKind);
  if (!found) throw error;
  return [{ kind: 'error', text: found.message }, found.problem.status];
}
