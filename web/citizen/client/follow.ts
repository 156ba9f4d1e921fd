/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Following a 差评 case: copies a case receipt to the clipboard and prints it alone. The receipt is
 * complete without this script (the number and code are on the page); the buttons stay hidden
 * unless it runs.
 */

for (const receipt of document.querySelectorAll<HTMLElement>('[data-receipt]')) {
  const actions = receipt.querySelector<HTMLElement>('.receipt__actions');
  const copy = receipt.querySelector<HTMLButtonElement>('button[data-copy]');
  const print = receipt.querySelector<HTMLButtonElement>('button[data-print]');
  const said = receipt.querySelector<HTMLElement>('[data-copied]');
  if (!actions) continue;
  if (copy && navigator.clipboard) {
    copy.addEventListener('click', () => {
      void navigator.clipboard.writeText(copy.dataset.copy ?? '').then(() => {
        if (said) said.textContent = said.dataset.copied ?? '';
      });
    });
  } else copy?.remove();
  print?.addEventListener('click', () => {
    document.documentElement.classList.add('printing-receipt');
    receipt.classList.add('is-printing');
    const done = () => {
      document.documentElement.classList.remove('printing-receipt');
      receipt.classList.remove('is-printing');
    };
    window.addEventListener('afterprint', done, { once: true });
    window.print();
  });
  actions.hidden = false;
}

/** A VAPID key (base64url) as the Push API takes it. */
const keyBytes = (key: string) => {
  const raw = atob(key.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (key.length % 4)) % 4));
  return Uint8Array.from(raw, (ch) => ch.charCodeAt(0));
};

// Web Push, never required: offered only where the server has keys and the browser has the Push API.
for (const offer of document.querySelectorAll<HTMLElement>('[data-push-key]')) {
  const button = offer.querySelector<HTMLButtonElement>('button[data-push]');
  const said = offer.querySelector<HTMLElement>('[data-pushed]');
  const { pushKey, pushWorker, case: caseId, code } = offer.dataset;
  if (!button || !said || !pushKey || !pushWorker || !('serviceWorker' in navigator) || !('PushManager' in window))
    continue;
  button.addEventListener('click', () => {
    button.disabled = true;
    const subscribe = async () => {
      const registration = await navigator.serviceWorker.register(pushWorker);
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(pushKey),
      });
      const response = await fetch('/api/v1/cases/push-subscriptions', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ caseId, code, subscription: subscription.toJSON() }),
      });
      if (!response.ok) throw new Error(`subscription refused: ${response.status}`);
    };
    subscribe().then(
      () => {
        said.textContent = said.dataset.pushed ?? '';
      },
      () => {
        said.textContent = said.dataset.pushFailed ?? '';
        button.disabled = false;
      },
    );
  });
  offer.hidden = false;
}
