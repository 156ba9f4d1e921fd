import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { afterAll, beforeAll } from 'vitest';

/**
 * A stand-in push service on 127.0.0.1 for a test file (a node http server that records what it
 * is sent; a path under /gone/ answers 410, as a service does for a subscription the browser
 * dropped), and the browser's side of the Push API: key pair, auth secret, subscription, and the
 * decryption (RFC 8291) of what arrives.
 */
const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(
    body: Buffer,
    params: { version: string; privateKey: ReturnType<typeof createECDH>; authSecret: string },
  ): Buffer;
};

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type PushBrowser = ReturnType<ReturnType<typeof usePushService>['browser']>;

export function usePushService() {
  const received: Received[] = [];
  let service: Server;
  let origin = '';

  beforeAll(async () => {
    service = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(req.url?.startsWith('/gone/') ? 410 : 201).end();
      });
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    const address = service.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => service.close(resolve));
  });

  return {
    received,
    /** The service's origin, for PUSH_SERVICE_ORIGINS (`push.extraOrigins`). */
    get origin() {
      return origin;
    },
    /** A browser subscribed at `path` of the service. */
    browser: (path: string) => {
      const keys = createECDH('prime256v1');
      keys.generateKeys();
      const auth = randomBytes(16).toString('base64url');
      return {
        keys,
        auth,
        subscription: {
          endpoint: `${origin}${path}`,
          expirationTime: null,
          keys: { p256dh: keys.getPublicKey().toString('base64url'), auth },
        },
      };
    },
  };
}

/** What the browser reads once it decrypts a push message. */
export const opened = (message: Received, b: PushBrowser) =>
  JSON.parse(
    ece.decrypt(message.body, { version: 'aes128gcm', privateKey: b.keys, authSecret: b.auth }).toString(),
  ) as { kind: string; caseId: string; body: string };
