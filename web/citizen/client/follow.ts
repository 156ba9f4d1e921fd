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
