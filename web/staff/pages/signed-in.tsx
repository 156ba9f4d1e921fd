import type { StaffContext } from '../layout.js';

/**
 * After the callback: the session cookie is SameSite=Strict, and a browser does not send it on a
 * redirect chain that started at the provider's site; a navigation from this page of ours does.
 */
export function SignedInPage({ ctx, returnTo }: { ctx: StaffContext; returnTo: string }) {
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="robots" content="noindex, nofollow" />
        <meta http-equiv="refresh" content={`0;url=${returnTo}`} />
        <title>{ctx.s.signedInTitle}</title>
        <link rel="icon" href="data:," />
      </head>
      <body>
        <main>
          <h1>{ctx.s.signedInTitle}</h1>
          <p>
            <a href={returnTo}>{ctx.s.signedInContinue}</a>
          </p>
        </main>
      </body>
    </html>
  );
}
