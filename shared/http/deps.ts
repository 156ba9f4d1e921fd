import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { feedbackRepository } from '../store/feedback-repository.js';
import { moderationRepository } from '../store/moderation-repository.js';
import { flagRepository } from '../store/flag-repository.js';
import { fraudRepository, replyRepository } from '../store/reply-fraud-repository.js';
import type { FeedbackStore, FraudStore, ReplyStore } from '../feedback/store.js';
import type { FlagStore, ModerationStore } from '../moderation/store.js';
import { planRepository, type PlanRepository } from '../store/plan-repository.js';
import { ratingsRepository, type RatingsRepository } from '../store/ratings-repository.js';
import type { Store } from '../store/client.js';
import { voterTokens, type VoterTokens } from '../feedback/voter-token.js';
import type { StaffVerifier } from '../auth/verifier.js';
import type { SignInEndpoints, StaffSettings } from '../config.js';
import { transactionSeal, type SignInTransactions } from '../auth/sign-in.js';
import { workCalendar, type WorkCalendar } from '../cases/working-days.js';
import { auditRepository, type AuditRepository } from '../store/audit-repository.js';
import { caseRepository, type CaseRepository } from '../store/case-repository.js';
import { progressRepository, type ProgressRepository } from '../store/progress-repository.js';
import { addressHasher, feedbackLimits, type FeedbackLimits, type RateLimitSettings } from '../abuse/rate-limits.js';
import { rateLimitRepository } from '../store/rate-limit-repository.js';
import { readThrough } from '../store/read-cache.js';
import { idempotencyRepository, type IdempotencyRepository } from '../store/idempotency-repository.js';
import { formStamps, type FormStamps } from './csrf.js';
import type { ClientOrigin } from './client-address.js';

/** Everything the API app needs, injected, so tests and both adapters build it the same way. */
export interface ApiDeps {
  planId: string;
  cookieSecure: boolean;
  /** Which requests are refused for not coming through the CDN, and whose viewer-address header is believed. */
  clientOrigin: ClientOrigin;
  /** For the empty summary of a target nobody has rated yet; published summaries carry their own. */
  minRatings: number;
  plans: PlanRepository;
  ratings: RatingsRepository;
  feedback: FeedbackStore;
  moderation: ModerationStore;
  flags: FlagStore;
  replies: ReplyStore;
  fraud: FraudStore;
  voterTokens: VoterTokens;
  feedbackLimits: FeedbackLimits;
  idempotency: IdempotencyRepository;
  /** A client address as stored for rate limiting: keyed, salted by the day, never the address itself. */
  hashAddress: (address: string, now: Date) => string;
  /** The HTML rating form's signed served-at time and the least time a person takes to fill it in. */
  formStamps: FormStamps;
  /** The public site's origin for absolute links (feeds); the request's own origin when unset (locally). */
  siteUrl: string | null;
  /**
   * Verifies staff tokens; null when sign-in is not configured, and then every staff route is refused.
   * Built by the caller (`verifierFor`), so that a function without staff routes does not carry jose.
   */
  staffAuth: StaffVerifier | null;
  /** The provider's browser sign-in endpoints and the web app client; null: the staff pages cannot sign anyone in. */
  signIn: SignInEndpoints | null;
  /** Seals the sign-in in progress into its cookie (a key derived from the voter-token secret). */
  signInTransactions: SignInTransactions;
  /** How the server reaches the provider's token endpoint. */
  providerFetch: typeof fetch;
  audit: AuditRepository;
  cases: CaseRepository;
  progress: ProgressRepository;
  /** Flags by distinct voters that send a published comment back to the queue. */
  flagThreshold: number;
  /** Working days from a 差评 case's opening to its reply, on `calendar`. */
  caseDeadlineDays: number;
  calendar: WorkCalendar;
  logger: Logger;
  clock: () => Date;
  newId: () => string;
}

/** The defaults of shared/config.ts, for callers that build deps without a parsed configuration. */
const DEFAULT_RATE_LIMITS: RateLimitSettings = { windowSeconds: 600, perAddress: 120, perVoter: 60 };

export function apiDeps(
  store: Store,
  settings: { planId: string; cookieSecure: boolean; voterTokenSecret: string; minRatings?: number; rateLimits?: RateLimitSettings; readCacheSeconds?: number; siteUrl?: string; formMinSeconds?: number; clientOrigin?: ClientOrigin } & Partial<Omit<StaffSettings, 'auth'>>,
  overrides: Partial<ApiDeps> = {},
): ApiDeps {
  return {
    planId: settings.planId,
    cookieSecure: settings.cookieSecure,
    clientOrigin: settings.clientOrigin ?? { originVerifyValue: null, trustViewerAddress: false },
    minRatings: settings.minRatings ?? 10,
    plans: cachedPlans(planRepository(store), (settings.readCacheSeconds ?? 0) * 1000),
    ratings: cachedRatings(ratingsRepository(store), (settings.readCacheSeconds ?? 0) * 1000),
    feedback: feedbackRepository(store),
    moderation: moderationRepository(store),
    flags: flagRepository(store),
    replies: replyRepository(store),
    fraud: fraudRepository(store),
    voterTokens: voterTokens(settings.voterTokenSecret),
    feedbackLimits: feedbackLimits(rateLimitRepository(store), settings.rateLimits ?? DEFAULT_RATE_LIMITS),
    idempotency: idempotencyRepository(store),
    hashAddress: addressHasher(settings.voterTokenSecret),
    formStamps: formStamps(settings.voterTokenSecret, settings.formMinSeconds ?? 3),
    siteUrl: settings.siteUrl ?? null,
    staffAuth: null,
    signIn: settings.signIn ?? null,
    signInTransactions: transactionSeal(settings.voterTokenSecret),
    providerFetch: (input, init) => fetch(input, init),
    audit: auditRepository(store),
    cases: caseRepository(store),
    progress: progressRepository(store),
    flagThreshold: settings.flagThreshold ?? 3,
    caseDeadlineDays: settings.caseDeadlineDays ?? 15,
    calendar: workCalendar({ extraHolidays: settings.extraHolidays ?? [], extraWorkdays: settings.extraWorkdays ?? [] }),
    logger: overrides.logger ?? new Logger({ serviceName: 'gongping-api' }),
    clock: () => new Date(),
    newId: randomUUID,
    ...overrides,
  };
}

/** The plan's partition changes when a value is published; public pages may lag it by the cache time. */
const cachedPlans = (plans: PlanRepository, ttlMs: number): PlanRepository => ({
  ...plans,
  snapshot: readThrough(plans.snapshot, ttlMs),
  listHistory: readThrough(plans.listHistory, ttlMs),
});

/** Published summaries change once per aggregation run, every few minutes. */
const cachedRatings = (ratings: RatingsRepository, ttlMs: number): RatingsRepository => ({
  ...ratings,
  periodSummaries: readThrough(ratings.periodSummaries, ttlMs),
  series: readThrough(ratings.series, ttlMs),
});
