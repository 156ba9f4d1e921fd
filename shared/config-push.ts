import * as z from 'zod/mini';

/**
 * Web Push for 差评 cases (shared/cases/web-push-notifier.ts): optional; without the VAPID keys no
 * notification is sent and no page offers them. `npx web-push generate-vapid-keys` makes a pair.
 */
export const pushVariables = () => ({
  /** The VAPID public key (base64url, an uncompressed P-256 point), which browsers subscribe with. */
  VAPID_PUBLIC_KEY: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{87}$/, 'a VAPID public key (base64url)'))),
  /** Its private key; in AWS set it from a secret you keep, like the other keys. */
  VAPID_PRIVATE_KEY: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'a VAPID private key (base64url)'))),
  /** Who runs the deployment, for the push services: a `mailto:` or `https:` address. */
  VAPID_SUBJECT: z.optional(z.string().check(z.regex(/^(mailto:|https:\/\/)\S+$/, 'a mailto: or https: address'))),
  /** Push services besides the browsers' own that subscriptions may name (origins, comma-separated): a test's stand-in. */
  PUSH_SERVICE_ORIGINS: z.optional(
    z.string().check(z.regex(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/, 'origins, comma-separated')),
  ),
});

export type PushKeys = {
  VAPID_PUBLIC_KEY?: string | undefined;
  VAPID_PRIVATE_KEY?: string | undefined;
  VAPID_SUBJECT?: string | undefined;
};
export const pushKeysTogether = () =>
  z.refine<PushKeys>(
    (env) =>
      new Set([env.VAPID_PUBLIC_KEY, env.VAPID_PRIVATE_KEY, env.VAPID_SUBJECT].map((v) => v === undefined)).size === 1,
    {
      path: ['VAPID_PUBLIC_KEY'],
      message: 'VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT go together (without them push is off)',
      when: () => true,
    },
  );

/** The push settings of a parsed configuration: the VAPID keys (null: push is off) and the extra services allowed. */
export const pushSettingsOf = (config: PushKeys & { PUSH_SERVICE_ORIGINS?: string | undefined }) => ({
  vapid:
    config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY && config.VAPID_SUBJECT
      ? { publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY, subject: config.VAPID_SUBJECT }
      : null,
  extraOrigins: config.PUSH_SERVICE_ORIGINS?.split(',') ?? [],
});
