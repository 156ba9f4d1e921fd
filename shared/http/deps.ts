import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { feedbackRepository } from '../store/feedback-repository.js';
import { moderationRepository } from '../store/moderation-repository.js';
import { flagRepository } from '../store/flag-repository.js';
import { fraudRepository, replyRepository } from '../store/reply-fraud-repository.js';
import type { FeedbackStore, FraudStore, ReplyStore } from '../feedback/store.js';
import type { FlagStore, ModerationStore } from '../moderation/store.js';
import type { PlanRepository } from '../store/plan-repository.js';
import type { RatingsRepository } from '../store/ratings-repository.js';
import { verdictsRepository, type VerdictsRepository } from '../store/verdicts-repository.js';
import type { Store } from '../store/client.js';
import { voterTokens, type VoterTokens } from '../feedback/voter-token.js';
import type { StaffVerifier } from '../auth/verifier.js';
import { rateLimitsOf, staffSettingsOf, type ApiConfig, type SignInEndpoints } from '../config.js';
import { pushSettingsOf } from '../config-push.js';
import { transactionSeal, type SignInTransactions } from '../auth/sign-in.js';
import { workCalendar, type WorkCalendar } from '../cases/working-days.js';
import { auditRepository, type AuditRepository } from '../store/audit-repository.js';
import { caseRepository, type CaseRepository } from '../store/case-repository.js';
import { departmentRepository, type DepartmentRepository } from '../store/department-repository.js';
import type { ProgressRepository } from '../store/progress-repository.js';
import {
  addressHasher,
  feedbackLimits,
  lookupLimits,
  type FeedbackLimits,
  type LookupLimits,
} from '../abuse/rate-limits.js';
import { receiptBook, type ReceiptBook } from '../cases/receipt.js';
import { silentNotifier, type Notifier } from '../cases/notifier.js';
import { rateLimitRepository } from '../store/rate-limit-repository.js';
import { readThrough } from '../store/read-cache.js';
import { planDataCache } from '../store/plan-cache.js';
import type { AnswerVersions } from './kept-answers.js';
import { idempotencyRepository, type IdempotencyRepository } from '../store/idempotency-repository.js';
import { formStamps, type FormStamps } from './csrf.js';
import type { ClientOrigin } from './client-address.js';

/**
 * Everything some part of the app needs, built once from the parsed configuration by `appDeps`, so
 * the Lambda entries, npm start and the tests build it the same way. No part takes all of it: each
 * part (shared/http/api/citizen.ts, staff.ts, web/downloads.ts, web/staff/part.ts, web/citizen/part.ts)
 * and each route module declares the few members it uses as a `Pick` of this.
 */
export interface AppDeps {
  /** CURRENT_PLAN: the plan the unscoped addresses stand for; null: chosen by date (shared/plan/current.ts). */
  currentPlanId: string | null;
  cookieSecure: boolean;
  /** Which requests are refused for not coming through the CDN, and whose viewer-address header is believed. */
  clientOrigin: ClientOrigin;
  /** For the empty summary of a target nobody has rated yet; published summaries carry their own. */
  minRatings: number;
  plans: PlanRepository;
  ratings: RatingsRepository;
  /** The two verdicts side by side, as the aggregation stored them (shared/verdicts/). */
  verdicts: VerdictsRepository;
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
  /** The managed list of departments that answer replies (shared/departments/). */
  departments: DepartmentRepository;
  /** Case receipts: codes issued, checked and unsealed under a key derived from the voter-token secret. */
  receipts: ReceiptBook;
  /** Look-ups of a case by its receipt, per client. */
  lookupLimits: LookupLimits;
  /** Tells a case's followers that it moved (Web Push where configured); silent otherwise. */
  notifier: Notifier;
  /** The VAPID public key browsers subscribe with (null: push is off), and the push services allowed besides the browsers' own. */
  push: { publicKey: string | null; extraOrigins: string[] };
  progress: ProgressRepository;
  /** Flags by distinct voters that send a published comment for review. */
  flagThreshold: number;
  /** Working days from a 差评 case's opening to its reply, on `calendar`. */
  caseDeadlineDays: number;
  calendar: WorkCalendar;
  logger: Logger;
  clock: () => Date;
  newId: () => string;
  /** The data is a demo's synthetic set: a banner on every page, a header on every answer (shared/http/sample-data.ts). */
  sampleData: boolean;
  /** What public answers kept by this process are valid for (shared/http/kept-answers.ts). */
  answers: AnswerVersions;
}

/**
 * The configuration values the dependencies are built from: parsed by shared/config.ts, as
 * ApiConfig (the Lambda functions) or LocalConfig (npm start, the tests: `testConfig`), whose
 * defaults are the only ones.
 */
export type DepsConfig = Pick<
  ApiConfig,
  | 'CURRENT_PLAN'
  | 'COOKIE_SECURE'
  | 'MIN_RATINGS'
  | 'RATE_LIMIT_WINDOW_SECONDS'
  | 'RATE_LIMIT_PER_ADDRESS'
  | 'RATE_LIMIT_PER_VOTER'
  | 'FORM_MIN_SECONDS'
  | 'READ_CACHE_SECONDS'
  | 'STALENESS_WINDOW_SECONDS'
  | 'SITE_URL'
  | 'AUTH_ISSUER'
  | 'AUTH_CLIENT_ID'
  | 'AUTH_JWKS_URL'
  | 'AUTH_SIGN_IN_URL'
  | 'AUTH_WEB_CLIENT_ID'
  | 'FLAG_THRESHOLD'
  | 'CASE_DEADLINE_DAYS'
  | 'CASE_EXTRA_HOLIDAYS'
  | 'CASE_EXTRA_WORKDAYS'
  | 'VAPID_PUBLIC_KEY'
  | 'VAPID_PRIVATE_KEY'
  | 'VAPID_SUBJECT'
  | 'PUSH_SERVICE_ORIGINS'
>;

/** What the caller settles beside the configuration, because it differs by where the app runs. */
export interface DepsRuntime {
  /** The voter-token key: from Secrets Manager in AWS, from the environment or a local file otherwise. */
  voterTokenSecret: string;
  clientOrigin: ClientOrigin;
  /** Built by the caller (`verifierFor`, the development provider), so a function without staff routes does not carry jose. */
  staffAuth: StaffVerifier | null;
  logger: Logger;
  /**
   * Built by the caller (`webPushNotifier` in the functions that step cases), so that the pages'
   * functions do not carry web-push; silent when absent.
   */
  notifier?: Notifier;
  /** npm run demo's SAMPLE_DATA: every page and answer says it is sample data. Never set in AWS. */
  sampleData?: boolean;
}

/** The dependencies of every part, from the parsed configuration and what the caller settled. */
export function appDeps(store: Store, config: DepsConfig, runtime: DepsRuntime): AppDeps {
  const staff = staffSettingsOf(config);
  const push = pushSettingsOf(config);
  const cacheMs = config.READ_CACHE_SECONDS * 1000;
  const planData = planDataCache(store, { windowMs: config.STALENESS_WINDOW_SECONDS * 1000 });
  return {
    currentPlanId: config.CURRENT_PLAN ?? null,
    cookieSecure: config.COOKIE_SECURE,
    clientOrigin: runtime.clientOrigin,
    minRatings: config.MIN_RATINGS,
    plans: planData.plans,
    ratings: planData.ratings,
    verdicts: cachedVerdicts(verdictsRepository(store), cacheMs),
    feedback: feedbackRepository(store),
    moderation: moderationRepository(store),
    flags: flagRepository(store),
    replies: replyRepository(store),
    fraud: fraudRepository(store),
    voterTokens: voterTokens(runtime.voterTokenSecret),
    feedbackLimits: feedbackLimits(rateLimitRepository(store), rateLimitsOf(config)),
    idempotency: idempotencyRepository(store),
    hashAddress: addressHasher(runtime.voterTokenSecret),
    formStamps: formStamps(runtime.voterTokenSecret, config.FORM_MIN_SECONDS),
    siteUrl: config.SITE_URL ?? null,
    staffAuth: runtime.staffAuth,
    signIn: staff.signIn,
    signInTransactions: transactionSeal(runtime.voterTokenSecret),
    providerFetch: (input, init) => fetch(input, init),
    audit: auditRepository(store),
    cases: caseRepository(store),
    departments: departmentRepository(store),
    receipts: receiptBook(runtime.voterTokenSecret),
    lookupLimits: lookupLimits(rateLimitRepository(store)),
    notifier: runtime.notifier ?? silentNotifier,
    push: { publicKey: push.vapid?.publicKey ?? null, extraOrigins: push.extraOrigins },
    progress: planData.progress,
    flagThreshold: staff.flagThreshold,
    caseDeadlineDays: staff.caseDeadlineDays,
    calendar: workCalendar({ extraHolidays: staff.extraHolidays, extraWorkdays: staff.extraWorkdays }),
    logger: runtime.logger,
    clock: () => new Date(),
    newId: randomUUID,
    sampleData: runtime.sampleData ?? false,
    answers: { windowMs: config.STALENESS_WINDOW_SECONDS * 1000, version: planData.answersVersion },
  };
}

/** Verdicts change once per aggregation run, like the summaries they are computed with. */
const cachedVerdicts = (verdicts: VerdictsRepository, ttlMs: number): VerdictsRepository => ({
  ...verdicts,
  get: readThrough(verdicts.get.bind(verdicts), ttlMs),
  periods: readThrough(verdicts.periods.bind(verdicts), ttlMs),
});
