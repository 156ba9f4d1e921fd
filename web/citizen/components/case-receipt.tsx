import { caseFeedPath, formatReceiptCode } from '../../../shared/cases/receipt.js';
import type { PageContext } from '../../context.js';

/** Where a case is opened with its receipt, from any device. */
export const LOOKUP_PATH = '/cases/lookup';

/**
 * A case's receipt: its number and secret code, to write down, copy (the follow script reveals the
 * button) or print (the button prints this receipt alone; without the script, the browser's own
 * print prints the page). Shown to the browser that holds the code, never anywhere public.
 */
export function CaseReceipt({
  ctx,
  caseId,
  code,
  pushKey = null,
}: {
  ctx: PageContext;
  caseId: string;
  code: string | null;
  /** The VAPID public key, when the case can tell this browser by Web Push (the follow script offers it). */
  pushKey?: string | null;
}) {
  const { t } = ctx;
  const id = `receipt-${caseId}`;
  if (code === null) return <p class="muted receipt receipt--none">{t.receiptNoCode}</p>;
  const shown = formatReceiptCode(code);
  return (
    <section class="receipt" id={id} aria-labelledby={`${id}-heading`} data-receipt="">
      <h4 id={`${id}-heading`}>{t.receiptHeading}</h4>
      <dl class="facts">
        <div>
          <dt>{t.lookupCaseNumber}</dt>
          <dd>
            <code class="receipt__case">{caseId}</code>
          </dd>
        </div>
        <div>
          <dt>{t.receiptCode}</dt>
          <dd>
            <code class="receipt__code">{shown}</code>
          </dd>
        </div>
      </dl>
      <p class="receipt__intro">
        {t.receiptIntro} <a href={LOOKUP_PATH}>{t.receiptLookupLink}</a>
      </p>
      <p class="receipt__feed">
        <a href={caseFeedPath(caseId, code)} rel="nofollow" type="application/atom+xml">
          {t.receiptFeed}
        </a>{' '}
        <span class="muted">{t.receiptFeedHint}</span>
      </p>
      <p class="receipt__actions" hidden>
        <button type="button" class="button button--secondary" data-copy={t.receiptLine(caseId, shown)}>
          {t.receiptCopy}
        </button>{' '}
        <button type="button" class="button button--secondary" data-print="">
          {t.receiptPrint}
        </button>{' '}
        <span role="status" data-copied={t.receiptCopied}></span>
      </p>
      {pushKey && ctx.assets.url('push-sw.js') && (
        <p
          class="receipt__push"
          hidden
          data-push-key={pushKey}
          data-push-worker={ctx.assets.url('push-sw.js')!}
          data-case={caseId}
          data-code={shown}
        >
          <button type="button" class="button button--secondary" data-push="">
            {t.receiptPush}
          </button>{' '}
          <span role="status" data-pushed={t.receiptPushed} data-push-failed={t.receiptPushFailed}></span>
        </p>
      )}
    </section>
  );
}
