import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { carriesOriginSecret, ORIGIN_VERIFY_HEADER } from '../origin-verify.js';
import { ProblemError } from './problem.js';

/**
 * Who may vouch for a request's origin and its client's address.
 *
 * In AWS, CloudFront adds `x-gongping-origin` (a secret shared with the app) to every request it
 * sends to the API, and `CloudFront-Viewer-Address`, which it sets itself from the connection,
 * overwriting whatever the viewer sent. A request without the secret came around CloudFront and
 * its WAF, straight to the API Gateway URL: it is refused, whatever its route. Locally nothing
 * vouches for the header unless the operator says a proxy does (`TRUST_VIEWER_ADDRESS`): the
 * header is a request header like any other, which anyone can type.
 */
export interface ClientOrigin {
  /** The value CloudFront's origin header must carry; null where no CDN stands in front (locally). */
  originVerifyValue: string | null;
  /** Take `CloudFront-Viewer-Address` as the client's address (behind CloudFront, or a local proxy that sets it). */
  trustViewerAddress: boolean;
}

const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';

declare module 'hono' {
  interface ContextVariableMap {
    /** The client's network address, for rate limiting only (hashed before it is stored); null if unknown. */
    clientAddress: string | null;
  }
}

/**
 * The address of `CloudFront-Viewer-Address`: `198.51.100.10:46532`, or for IPv6 the address and
 * port joined by a last colon (`2001:db8::1:46532`), which CloudFront writes without brackets;
 * brackets are accepted too. Null if the value is not an IP address and a port.
 */
export function viewerAddress(value: string): string | null {
  const match = /^\[?([0-9A-Fa-f:.]+?)\]?:(\d{1,5})$/.exec(value.trim());
  if (!match || Number(match[2]) > 65535) return null;
  return isIP(match[1]!) ? match[1]! : null;
}

/**
 * Runs first on every request: refuses one that did not come the way the deployment says requests
 * come, and records the client's address for the limits that count per address.
 */
export function clientOrigin(settings: ClientOrigin): MiddlewareHandler {
  const expected = settings.originVerifyValue;
  return async (c, next) => {
    if (expected !== null && !carriesOriginSecret(c.req.header(ORIGIN_VERIFY_HEADER), expected)) {
      throw new ProblemError('not-through-cdn');
    }
    const viewer = c.req.header(VIEWER_ADDRESS_HEADER);
    if (settings.trustViewerAddress && viewer !== undefined) {
      const address = viewerAddress(viewer);
      if (address === null)
        throw new ProblemError('validation-failed', {
          errors: [{ path: 'CloudFront-Viewer-Address', message: 'an IP address and a port' }],
        });
      c.set('clientAddress', address);
    } else {
      c.set('clientAddress', socketAddress(c));
    }
    await next();
  };
}

/** The address the connection came from: API Gateway's `sourceIp`, or the local server's socket. */
function socketAddress(c: Context): string | null {
  const env = c.env as
    | {
        event?: { requestContext?: { http?: { sourceIp?: string } } };
        incoming?: { socket?: { remoteAddress?: string } };
      }
    | undefined;
  return env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? null;
}

/** The caller's network address as `clientOrigin` found it. */
export const clientAddress = (c: Context): string | null => c.get('clientAddress') ?? null;
