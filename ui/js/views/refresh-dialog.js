// "Refresh from Parliament": a modal dialog on an MP's profile that asks the UK Parliament
// Members API, over the internet and only when the person chooses it, what Parliament holds
// about them now, and lists what would change on the record, side by side. Nothing is written
// until they choose Apply; then it is all written or none of it. A failure is said in the
// dialog, with "Try again", and nothing is changed. The data's credit is always shown.
// Escape or Cancel closes the dialog (not while applying) and the focus goes back to the button
// that opened it.

import { showModal } from '../modal.js';
import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { toast } from '../toast.js';

/** Shown under every answer, and under a failure too: the licence of what Parliament sends. */
export const PARLIAMENT_CREDIT = 'Contains Parliamentary information licensed under the Open Parliament Licence v3.0.';

const ASKING = 'Asking the UK Parliament Members API…';
const APPLY_TEXT = 'Apply these changes';
const APPLYING = 'Applying…';
const NOTHING_CHANGED = 'Nothing was changed.';

let open = null;   // the dialog on screen, so a second click does not open another

/** A failure's words, saying that nothing was changed if they do not already. */
export function failureText(message) {
  const text = String(message ?? '').trim() || 'Something went wrong.';
  if (/nothing was changed/i.test(text)) return text;
  return `${text}${/[.!?…]$/.test(text) ? '' : '.'} ${NOTHING_CHANGED}`;
}

/**
 * openRefreshDialog({
 *   representative,   // { id, full_name }: the MP on record
 *   opener,           // where the focus goes back to (the focused element if not given)
 *   applied,          // async (outcome) => …, once the changes are written; the dialog is
 *                     // closed and the toast shown by then
 *   openSuccessor,    // (id) => …, offered in the toast when someone else holds their seat now
 * })
 */
export function openRefreshDialog({
  representative, opener = document.activeElement, applied = async () => {}, openSuccessor = null,
}) {
  if (open) { open.focus(); return; }

  const name = representative.full_name;
  let busy = false;   // applying: the dialog waits for it
  let asking = 0;     // which request is current; a closed dialog ignores a late answer

  const title = h('h2', { id: 'refresh-title', testid: 'refresh-title' }, 'Refresh from Parliament');
  const content = h('div', { class: 'refresh-content', testid: 'refresh-content' });
  const actions = h('div', { class: 'dialog-actions refresh-actions', testid: 'refresh-actions' });
  const credit = h('p', { class: 'refresh-credit', testid: 'refresh-credit' }, PARLIAMENT_CREDIT);

  const body = h('div', { class: 'refresh-body' },
    h('header', { class: 'refresh-head' },
      title,
      h('p', { class: 'lede', id: 'refresh-lede' },
        'What the UK Parliament Members API holds about ', h('strong', {}, name),
        ' now, beside what is on record. Rapport asks it over the internet, only now.')),
    content,
    h('footer', { class: 'refresh-foot' }, actions, credit));
  const dialog = h('dialog', {
    class: 'refresh-dialog', testid: 'refresh-dialog', 'aria-labelledby': 'refresh-title', 'aria-describedby': 'refresh-lede',
  }, body);

  const closeButton = (text, testid) => h('button', { type: 'button', testid, onclick: () => dialog.close() }, text);

  // ----- the states -----

  function showAsking() {
    replace(content,
      h('p', { class: 'refresh-busy', testid: 'refresh-busy', role: 'status', 'aria-live': 'polite' },
        h('span', { class: 'refresh-spinner', 'aria-hidden': 'true' }), ASKING));
    const cancel = closeButton('Cancel', 'refresh-cancel');
    replace(actions, cancel);
    return cancel;
  }

  function showFailure(failure) {
    const message = h('p', { class: 'form-message', role: 'alert', tabindex: '-1', testid: 'refresh-message' },
      failureText(failure.message));
    replace(content, message);
    replace(actions,
      h('button', { type: 'button', class: 'primary', testid: 'refresh-retry', onclick: ask }, 'Try again'),
      closeButton('Close', 'refresh-close'));
    message.focus();
  }

  function showNoChanges() {
    replace(content,
      h('p', { class: 'refresh-none', id: 'refresh-none', testid: 'refresh-none', role: 'status' },
        'Parliament’s record matches yours: nothing to change.'));
    const close = closeButton('Close', 'refresh-close');
    close.setAttribute('aria-describedby', 'refresh-none');
    replace(actions, close);
    close.focus();
  }

  function showChanges(preview) {
    const count = preview.changes.length;
    const message = h('p', { class: 'form-message', role: 'alert', tabindex: '-1', testid: 'refresh-message', hidden: true });
    const cell = (value) => (value === null || value === undefined || value === ''
      ? h('td', { class: 'refresh-nothing' }, '—')
      : h('td', {}, value));
    replace(content,
      message,
      h('div', { class: 'refresh-table-wrap' },
        h('table', { class: 'refresh-changes', testid: 'refresh-changes' },
          h('caption', { class: 'visually-hidden', id: 'refresh-caption' },
            `${count === 1 ? 'One change' : `${count} changes`} from Parliament to ${name}’s record`),
          h('thead', {}, h('tr', {},
            ['What', 'On record', 'Parliament now'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, preview.changes.map((change) => h('tr', { testid: 'refresh-change' },
            h('th', { scope: 'row' }, change.what),
            cell(change.before),
            cell(change.after)))))),
      h('p', { class: 'refresh-note', id: 'refresh-note', testid: 'refresh-note' },
        'Nothing changes until you apply. Ended posts and seats stay in the record’s history, and every interaction is kept.'));

    const applyButton = h('button', {
      type: 'button', class: 'primary', testid: 'refresh-apply', 'aria-describedby': 'refresh-caption refresh-note',
    }, APPLY_TEXT);
    const cancel = closeButton('Cancel', 'refresh-cancel');
    replace(actions, applyButton, cancel);

    function setApplying(on) {
      busy = on;
      applyButton.disabled = on;
      cancel.disabled = on;
      if (on) applyButton.setAttribute('aria-busy', 'true'); else applyButton.removeAttribute('aria-busy');
      applyButton.textContent = on ? APPLYING : APPLY_TEXT;
    }

    applyButton.addEventListener('click', async () => {
      if (busy) return;
      message.hidden = true;
      message.textContent = '';
      setApplying(true);
      let outcome;
      try {
        outcome = await api.applyRefresh(representative.id, preview.refresh);
      } catch (failure) {
        setApplying(false);
        message.textContent = failureText(failure.message);
        message.hidden = false;
        message.focus();
        return;
      }
      busy = false;
      dialog.close();
      if (outcome.successor) {
        toast(`Updated ${name} from Parliament: they are now a former MP, and the new MP is on record.`,
          openSuccessor ? { label: 'Open the new MP', run: () => openSuccessor(outcome.successor) } : undefined);
      } else {
        toast(`Updated ${name} from Parliament.`);
      }
      await applied(outcome);
    });
    applyButton.focus();
  }

  // ----- asking -----

  async function ask() {
    const mine = ++asking;
    const cancel = showAsking();
    cancel.focus();
    let preview;
    try {
      preview = await api.refreshPreview(representative.id);
    } catch (failure) {
      if (mine !== asking || !dialog.open) return;
      credit.textContent = PARLIAMENT_CREDIT;
      showFailure(failure);
      return;
    }
    if (mine !== asking || !dialog.open) return;
    credit.textContent = preview.credit || PARLIAMENT_CREDIT;
    if (preview.changes.length === 0) showNoChanges();
    else showChanges(preview);
  }

  open = dialog;
  showModal(dialog, { opener, isBusy: () => busy, onClose: () => { open = null; asking += 1; } });
  ask();
}
