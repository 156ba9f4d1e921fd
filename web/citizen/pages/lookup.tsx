import { Field } from '../../components/common.js';
import type { PageContext } from '../../context.js';
import { Layout } from '../layout.js';
import type { MyCase } from '../mine-data.js';
import { CaseCard } from './mine.js';
import { LOOKUP_PATH } from '../components/case-receipt.js';

export type LookupError = 'invalid' | 'notFound' | 'rateLimited';

export interface LookupPageState {
  /** What was typed, the code excepted: a page that comes back never repeats a secret. */
  caseId: string;
  attach: boolean;
  error: LookupError | null;
  retryAfterSeconds: number | null;
  /** The case the receipt opened, when this browser does not follow it. */
  found: MyCase | null;
}

/**
 * /cases/lookup: a 差评 case opened with its number and receipt code from any device, complete
 * without JavaScript. Following it on this browser sends the citizen on to /me, where it then is.
 */
export function LookupPage({ ctx, state }: { ctx: PageContext; state: LookupPageState }) {
  const { t } = ctx;
  const errorText =
    state.error === 'notFound'
      ? t.lookupNotFound
      : state.error === 'rateLimited'
        ? t.lookupRateLimited(Math.max(1, Math.ceil((state.retryAfterSeconds ?? 60) / 60)))
        : state.error === 'invalid'
          ? t.lookupInvalid
          : null;
  return (
    <Layout ctx={ctx} title={t.lookupTitle} section={null} scripts={['follow.js']}>
      <h1>{t.lookupTitle}</h1>
      <p class="lead">{t.lookupIntro}</p>
      {errorText && (
        <div class="error-summary" role="alert" id="lookup-error" tabindex={-1}>
          <p>{errorText}</p>
        </div>
      )}
      {state.found ? (
        <section class="panel" aria-labelledby="lookup-found">
          <h2 id="lookup-found">{t.lookupFound}</h2>
          <CaseCard ctx={ctx} item={state.found} state={{ rated: null, form: null, stamp: '' }} />
        </section>
      ) : (
        <form method="post" action={LOOKUP_PATH} class="panel lookup-form" novalidate>
          <Field id="lookup-case" label={t.lookupCaseNumber} hint={t.lookupCaseNumberHint} hintFirst>
            <input
              type="text"
              id="lookup-case"
              name="caseId"
              value={state.caseId}
              required
              autocomplete="off"
              spellcheck={false}
              aria-describedby="lookup-case-hint"
            />
          </Field>
          <Field id="lookup-code" label={t.lookupCode} hint={t.lookupCodeHint} hintFirst>
            <input
              type="text"
              id="lookup-code"
              name="code"
              value=""
              required
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              maxlength={40}
              aria-describedby="lookup-code-hint"
            />
          </Field>
          <div class="field field--check">
            <input type="checkbox" id="lookup-attach" name="attach" value="yes" checked={state.attach} />
            <label for="lookup-attach">{t.lookupAttach}</label>
          </div>
          <button type="submit" class="button" id="lookup-submit">
            {t.lookupSubmit}
          </button>
        </form>
      )}
    </Layout>
  );
}
