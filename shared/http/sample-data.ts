import type { MiddlewareHandler } from 'hono';

/**
 * npm run demo serves a synthetic data set. Every answer says so in a header a client can check,
 * and every page in a banner, so that no figure of the demo is ever taken for an official one.
 * The site's pages draw the banner in their own language (web/shell.tsx reads the `sampleData`
 * variable); the plain pages beside them (the open data dictionary, the API reference) get it here.
 */
export const SAMPLE_DATA_HEADER = 'Gongping-Sample-Data';
export const SAMPLE_BANNER_CLASS = 'sample-banner';
const PLAIN_PAGE_BANNER = `<p class="${SAMPLE_BANNER_CLASS}" role="note">示例数据 · 本站数字、评价和留言均为演示生成，不是官方统计。 <span lang="en">Sample data · invented for a demonstration, not official figures.</span></p>`;

declare module 'hono' {
  interface ContextVariableMap {
    /** The answer is sample data: set on every request when the app serves a demo. */
    sampleData: boolean;
  }
}

/** Marks every request's context and every response, error pages and 404s included, when `sampleData` is on. */
export function sampleDataMarker(sampleData: boolean): MiddlewareHandler {
  return async (c, next) => {
    c.set('sampleData', sampleData);
    await next();
    if (!sampleData) return;
    c.header(SAMPLE_DATA_HEADER, 'true');
    if (!c.res.body || !(c.res.headers.get('Content-Type') ?? '').startsWith('text/html')) return;
    const html = await c.res.clone().text();
    if (html.includes(`class="${SAMPLE_BANNER_CLASS}"`) || !html.includes('<body>')) return;
    const headers = new Headers(c.res.headers);
    headers.delete('Content-Length');
    c.res = new Response(html.replace('<body>', `<body>\n${PLAIN_PAGE_BANNER}`), { status: c.res.status, headers });
  };
}
