/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Submits the rate-and-comment form to the JSON API in place, so the page does not reload. The
 * form works without this script (a plain POST to /feedback); anything this script does not
 * understand falls back to exactly that.
 */

import { formatDate } from '../../format.js';

interface Messages {
  recorded: string;
  replaced: string;
  pending: string;
  counted: string;
  errRating: string;
  errComment: string;
  errCommentInvalid: string;
  errConflict: string;
  errRateLimited: string;
  errNetwork: string;
  change: string;
  yours: Record<string, string>;
  commentStatus: string;
  /** With `{kinds}` to fill in. */
  masked: string;
  piiKinds: Record<string, string>;
  listSeparator: string;
  /** With `{date}` to fill in. */
  caseOpened: string;
  caseLink: string;
  /** With `{id}` to fill in. */
  caseHref: string;
  /** With `{id}` and `{code}` to fill in. */
  caseReceipt: string;
}

interface Recorded {
  rating: number;
  commentStatus: string;
  replaced: boolean;
  personalDataMasked?: Record<string, number>;
  followUpCase?: { caseId: string; dueAt: string; receiptCode?: string | null } | null;
}

/** A line of the status: text, or text followed by a link. */
type Line = string | { text: string; link: { href: string; text: string } };

interface Problem {
  type?: string;
  errors?: Array<{ path: string; message: string }>;
}

const form = document.querySelector<HTMLFormElement>('form[data-feedback]');
const messagesSource = document.getElementById('feedback-messages');
const status = document.getElementById('feedback-status');

if (form && messagesSource?.textContent && status && typeof fetch === 'function') {
  const t = JSON.parse(messagesSource.textContent) as Messages;
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  let busy = false;

  const show = (kind: 'ok' | 'error', lines: Line[]) => {
    status.replaceChildren(
      ...lines.map((line) => {
        const p = document.createElement('p');
        if (typeof line === 'string') {
          p.textContent = line;
        } else {
          const a = document.createElement('a');
          a.href = line.link.href;
          a.textContent = line.link.text;
          p.append(`${line.text} `, a);
        }
        return p;
      }),
    );
    status.className = `notice notice--${kind}`;
    status.hidden = false;
    status.scrollIntoView({ block: 'nearest' });
  };

  const nativeSubmit = () => {
    busy = false;
    HTMLFormElement.prototype.submit.call(form);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(form);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const rating = Number(text('rating'));
    if (!(rating >= 1 && rating <= 5)) {
      show('error', [t.errRating]);
      form.querySelector<HTMLInputElement>('input[name="rating"]')?.focus();
      return;
    }
    const comment = text('comment');
    const body = {
      targetType: text('targetType'),
      targetId: text('targetId'),
      rating,
      ...(comment.trim() ? { comment } : {}),
    };
    busy = true;
    button?.setAttribute('aria-busy', 'true');
    if (button) button.disabled = true;
    try {
      // The API of the plan the page shows (the form says which); the current plan's without it.
      const response = await fetch(form.dataset.api ?? '/api/v1/feedback', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status === 201) {
        const recorded = (await response.json()) as Recorded;
        const masked = Object.keys(recorded.personalDataMasked ?? {}).map((kind) => t.piiKinds[kind] ?? kind);
        const opened = recorded.followUpCase;
        show('ok', [
          recorded.replaced ? t.replaced : t.recorded,
          ...(recorded.commentStatus === 'pending' ? [t.pending] : []),
          ...(masked.length > 0 ? [t.masked.replace('{kinds}', masked.join(t.listSeparator))] : []),
          ...(opened
            ? [
                {
                  text: t.caseOpened.replace('{date}', formatDate(opened.dueAt)),
                  link: { href: t.caseHref.replace('{id}', encodeURIComponent(opened.caseId)), text: t.caseLink },
                },
                ...(opened.receiptCode
                  ? [t.caseReceipt.replace('{id}', opened.caseId).replace('{code}', opened.receiptCode)]
                  : []),
              ]
            : []),
          t.counted,
        ]);
        const yours = document.getElementById('yours');
        const current = document.getElementById('yours-current');
        if (yours && current) {
          current.textContent = t.yours[String(recorded.rating)] ?? '';
          yours.hidden = false;
        }
        document.getElementById('error-summary')?.remove();
        const textarea = form.querySelector<HTMLTextAreaElement>('textarea[name="comment"]');
        if (textarea) textarea.value = '';
        if (button) button.textContent = t.change;
        return;
      }
      if (response.status === 429) {
        show('error', [t.errRateLimited]);
        return;
      }
      if (response.status === 400 || response.status === 409) {
        const problem = (await response.json().catch(() => ({}))) as Problem;
        const lines =
          response.status === 409
            ? [t.errConflict]
            : (problem.errors ?? []).map((e) =>
                e.path === 'rating'
                  ? t.errRating
                  : e.path === 'comment'
                    ? e.message.includes('surrogate')
                      ? t.errCommentInvalid
                      : t.errComment
                    : '',
              );
        const known = lines.filter(Boolean);
        if (known.length > 0) {
          show('error', known);
          return;
        }
      }
      // Anything else (a forged or stale token, a body too large, a server fault): the plain form knows how to answer.
      nativeSubmit();
    } catch {
      show('error', [t.errNetwork]);
    } finally {
      busy = false;
      button?.removeAttribute('aria-busy');
      if (button) button.disabled = false;
    }
  };
  form.addEventListener('submit', (event) => void submit(event));
}
