import type { Context } from 'hono';

/**
 * The caller's network address, for rate limiting only (it is hashed before it is stored).
 * Behind CloudFront the viewer's address arrives in `CloudFront-Viewer-Address` (ip:port); API
 * Gateway's own `sourceIp` would be CloudFront's. The header is trusted because the deployment
 * only accepts requests that came through CloudFront (see docs/deploy.md); a request reaching
 * the local server directly is identified by its socket.
 */
export function clientAddress(c: Context): string | null {
  const viewer = c.req.header('cloudfront-viewer-address');
  if (viewer) return viewer.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const env = c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } }; incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? null;
}
