import type { Logger } from '@aws-lambda-powertools/logger';
import webpush from 'web-push';
import { silentNotifier, type CaseNotice, type CaseNoticeKind, type Notifier } from './notifier.js';

/** The VAPID keys (RFC 8292) and contact the push services see; from the configuration (shared/config.ts). */
export interface VapidSettings {
  publicKey: string;
  privateKey: string;
  /** `mailto:` or `https:` address of whoever runs the deployment. */
  subject: string;
}

/** The notification's words: both languages, as the browser shows one text whatever the page's language. */
const TEXT: Record<CaseNoticeKind, string> = {
  verified: '您的差评正在核实 · Your case is being verified',
  replied: '您的差评已正式答复 · Your case has an official reply',
  closed: '您的差评已办结 · Your case is closed',
  overdue: '您的差评已超过答复期限 · Your case is past its reply deadline',
};

/**
 * Web Push through the `web-push` package: each message encrypted for its subscription (RFC 8291,
 * aes128gcm) and signed with the deployment's VAPID key, posted with fetch. Only the staff
 * functions, which step cases, and the scheduled overdue sweep carry it (tests/infra/bundle.test.ts
 * keeps it out of `web`).
 * A failure is logged and never fails the step; a 404 or 410 means the subscription is gone.
 */
export function webPushNotifier(
  vapid: VapidSettings,
  logger: Pick<Logger, 'warn'>,
  post: typeof fetch = fetch,
): Notifier {
  return {
    async notify(notice: CaseNotice, followers) {
      const payload = JSON.stringify({
        title: '共评 gongping',
        body: TEXT[notice.kind],
        kind: notice.kind,
        caseId: notice.caseId,
        url: `/me#case-${notice.caseId}`,
      });
      const gone: string[] = [];
      await Promise.all(
        followers.push.map(async (subscription) => {
          try {
            const request = webpush.generateRequestDetails(subscription, payload, {
              vapidDetails: vapid,
              TTL: 7 * 86_400,
              contentEncoding: 'aes128gcm',
            });
            const response = await post(request.endpoint, {
              method: 'POST',
              headers: request.headers as Record<string, string>,
              body: new Uint8Array(request.body),
              signal: AbortSignal.timeout(5000),
            });
            if (response.status === 404 || response.status === 410) gone.push(subscription.endpoint);
            else if (!response.ok)
              logger.warn('a push service refused a notification', { status: response.status, kind: notice.kind });
          } catch (error) {
            logger.warn('a notification could not be sent', { error: String(error), kind: notice.kind });
          }
        }),
      );
      return { gone };
    },
  };
}

/** The notifier of a configuration: Web Push with its VAPID keys, or silent without them. */
export const notifierFor = (push: { vapid: VapidSettings | null }, logger: Pick<Logger, 'warn'>): Notifier =>
  push.vapid ? webPushNotifier(push.vapid, logger) : silentNotifier;
