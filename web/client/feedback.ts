/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Submits the rate-and-comment form to the JSON API in place, so the page does not reload. The
 * form works without this script (a plain POST to /feedback); anything this script does not
 * understand falls back to exactly that.
 */

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
}

interface Recorded {
  rating: number;
  commentStatus: string;
  replaced: boolean;
}

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

  const show = (kind: 'ok' | 'error', lines: string[]) => {
    status.replaceChildren(
      ...lines.map((line) => {
        const p = document.createElement('p');
        p.textContent = line;
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

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(form);
    const rating = Number(data.get('rating'));
    if (!(rating >= 1 && rating <= 5)) {
      show('error', [t.errRating]);
      form.querySelector<HTMLInputElement>('input[name="rating"]')?.focus();
      return;
    }
    const comment = String(data.get('comment') ?? '');
    const body = {
      targetType: String(data.get('targetType')),
      targetId: String(data.get('targetId')),
      rating,
      ...(comment.trim() ? { comment } : {}),
    };
    busy = true;
    button?.setAttribute('aria-busy', 'true');
    if (button) button.disabled = true;
    try {
      const response = await fetch('/api/v1/feedback', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status === 201) {
        const recorded = (await response.json()) as Recorded;
        show('ok', [recorded.replaced ? t.replaced : t.recorded, ...(recorded.commentStatus === 'pending' ? [t.pending] : []), t.counted]);
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
        const lines = response.status === 409 ? [t.errConflict] : (problem.errors ?? []).map((e) => (e.path === 'rating' ? t.errRating : e.path === 'comment' ? (e.message.includes('surrogate') ? t.errCommentInvalid : t.errComment) : ''));
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
  });
}
