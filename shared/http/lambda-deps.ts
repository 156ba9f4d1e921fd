import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@aws-lambda-powertools/logger';
import { ApiConfig, ConfigError, parseConfig, staffSettingsOf } from '../config.js';
import { pushSettingsOf } from '../config-push.js';
import type { Notifier } from '../cases/notifier.js';
import type { StaffVerifier } from '../auth/verifier.js';
import { createDocumentClient } from '../store/client.js';
import { appDeps, type AppDeps } from './deps.js';

type StaffAuthSettings = ReturnType<typeof staffSettingsOf>['auth'];

/** Attempts to reach the extension, which may still be starting beside the function's own start-up. */
const EXTENSION_ATTEMPTS = 5;
const EXTENSION_TIMEOUT_MS = 3000;

/**
 * What every HTTP function does at its cold start: parse the configuration (a bad setting fails
 * the start loudly, not a request), read the voter-token key, build the dependencies. Functions
 * with staff routes pass `verifier` (`verifierFor`), and with it carry jose; the others do not.
 */
export async function lambdaDeps(
  env: Record<string, string | undefined>,
  verifier?: (auth: StaffAuthSettings) => StaffVerifier | null,
  notifier?: (push: ReturnType<typeof pushSettingsOf>, logger: Logger) => Notifier,
): Promise<AppDeps> {
  const config = parseConfig(ApiConfig, env);
  const store = {
    client: createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
    tableName: config.TABLE_NAME,
  };
  // In AWS the key is read from Secrets Manager here, once per container (top-level await in the
  // entry), and never sits in the function's configuration; locally and in tests it comes straight
  // from the environment.
  const voterTokenSecret =
    config.VOTER_TOKEN_SECRET ??
    (await secretFromExtension(
      config.VOTER_TOKEN_SECRET_ARN!,
      config.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT,
      env.AWS_SESSION_TOKEN,
    ));
  const logger = new Logger();
  return appDeps(store, config, {
    voterTokenSecret,
    // Every request came through CloudFront (the rest are refused), which sets the viewer's address.
    clientOrigin: { originVerifyValue: config.ORIGIN_VERIFY_VALUE, trustViewerAddress: true },
    staffAuth: verifier?.(staffSettingsOf(config).auth) ?? null,
    // Named by POWERTOOLS_SERVICE_NAME, which each function sets (gongping-api, -staff, -web).
    logger,
    // Functions that step cases pass `notifier` (`notifierFor`), and with it carry web-push.
    ...(notifier ? { notifier: notifier(pushSettingsOf(config), logger) } : {}),
  });
}

/**
 * A secret's string through the AWS Parameters and Secrets Lambda Extension: an HTTP GET of
 * `/secretsmanager/get?secretId=…` on its local endpoint, authenticated by the function's session
 * token in `X-Aws-Parameters-Secrets-Token`; it answers GetSecretValue's JSON. This keeps the
 * Secrets Manager client out of the bundles. Any answer but a usable key fails the cold start.
 */
export async function secretFromExtension(
  secretId: string,
  port: number,
  sessionToken: string | undefined,
): Promise<string> {
  const fail = (why: string) => new ConfigError(`invalid configuration:\n  VOTER_TOKEN_SECRET_ARN: ${why}`);
  if (!sessionToken)
    throw fail('AWS_SESSION_TOKEN is not set, so the Parameters and Secrets extension cannot be asked');
  const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`;
  let response: Response | undefined;
  for (let attempt = 1; !response; attempt++) {
    try {
      response = await fetch(url, {
        headers: { 'X-Aws-Parameters-Secrets-Token': sessionToken },
        signal: AbortSignal.timeout(EXTENSION_TIMEOUT_MS),
      });
    } catch (error) {
      // Lambda starts the extension and the function side by side: a refused connection may mean "not yet".
      if (attempt === EXTENSION_ATTEMPTS)
        throw fail(
          `the Parameters and Secrets extension on port ${port} cannot be reached (${String((error as Error).cause ?? error)})`,
        );
      await sleep(50 * 2 ** attempt);
    }
  }
  const text = await response.text();
  if (!response.ok)
    throw fail(`the Parameters and Secrets extension answered ${response.status}: ${text.slice(0, 300)}`);
  let secret: unknown;
  try {
    secret = (JSON.parse(text) as { SecretString?: unknown }).SecretString;
  } catch {
    throw fail('the Parameters and Secrets extension answered something that is not JSON');
  }
  const key = typeof secret === 'string' ? secret.trim() : '';
  // The same rule as for VOTER_TOKEN_SECRET, so a wrong secret stops the cold start, not a request.
  if (key.length < 32) throw fail(`the secret holds ${key.length} characters of text; at least 32 are needed`);
  return key;
}
