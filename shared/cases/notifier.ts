import * as z from 'zod/mini';
import type { CaseEvent } from './case.js';

/**
 * Telling the citizen that their case moved, without an account: an interface, so that a channel
 * (Web Push today, shared/cases/web-push-notifier.ts; e-mail or SMS if a provider is ever configured)
 * is one implementation. This module is light: the pages' functions import it, never web-push.
 */

/** What a browser's Push API gives (PushSubscription.toJSON()), as the case keeps it. */
export const PushSubscription = z.strictObject({
  endpoint: z.url().check(z.maxLength(1000)),
  expirationTime: z.optional(z.nullable(z.number())),
  keys: z.strictObject({
    p256dh: z.string().check(z.regex(/^[A-Za-z0-9_-]{80,100}$/)),
    auth: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,32}$/)),
  }),
});
export type PushSubscription = z.infer<typeof PushSubscription>;

/** A browser may follow a case from a few devices; more would only be a way to fill the case item. */
export const MAX_PUSH_SUBSCRIPTIONS = 5;

/**
 * The push services browsers use: a subscription names one of these, so the server never posts to
 * an address a client chose (an internal host, say). PUSH_SERVICE_ORIGINS adds others (a test's
 * stand-in service on loopback).
 */
const PUSH_SERVICE_HOSTS = [
  /^fcm\.googleapis\.com$/,
  /^updates\.push\.services\.mozilla\.com$/,
  /^[a-z0-9.-]+\.push\.apple\.com$/,
  /^[a-z0-9.-]+\.notify\.windows\.com$/,
];
export function pushServiceAllowed(endpoint: string, extraOrigins: readonly string[]): boolean {
  const url = new URL(endpoint);
  if (extraOrigins.includes(url.origin)) return true;
  return url.protocol === 'https:' && url.port === '' && PUSH_SERVICE_HOSTS.some((host) => host.test(url.hostname));
}

/**
 * What happened to a case, as its followers are told: an office's step, or its reply deadline
 * passing unanswered (told once per deadline by the scheduled sweep, shared/cases/overdue.ts).
 */
export type CaseNoticeKind = 'verified' | 'replied' | 'closed' | 'overdue';
export interface CaseNotice {
  caseId: string;
  kind: CaseNoticeKind;
  at: string;
}

/** Which steps are told: a verification, a reply, a closing by the office (the citizen's own verdict is not news to them). */
export const NOTICE_OF_STEP: Partial<Record<CaseEvent['action'], CaseNoticeKind>> = {
  verify: 'verified',
  reply: 'replied',
  close: 'closed',
};

/** Whom a notice reaches: today the case's push subscriptions. */
export interface CaseFollowers {
  push: PushSubscription[];
}

export interface Notifier {
  /** Tells the followers; never throws. Answers the subscriptions the push service says are gone. */
  notify(notice: CaseNotice, followers: CaseFollowers): Promise<{ gone: string[] }>;
}

/** Where no channel is configured: nobody is told, and the pages offer nothing. */
export const silentNotifier: Notifier = { notify: () => Promise.resolve({ gone: [] }) };
