// "Find my MP by postcode": a modal dialog that asks postcodes.io and the UK Parliament, over
// the internet and only when the person chooses Find, which constituency a postcode is in and
// who its MP is, then puts that MP on record in one click. A mistyped or unknown postcode is said
// beside the box, anything else (offline, a slow or odd answer) above it; the typed postcode is
// always kept. The data's credits are shown under every result. No photograph: the window loads
// nothing from the internet itself.

import { showModal } from '../modal.js';
import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { longDay } from '../format.js';

const FIND_TEXT = 'Find';
const LOOKING = 'Looking up…';

let open = null;   // the dialog on screen, so a second click does not open another

/** "Laurence Turner, Labour, MP since 4 July 2024". */
function memberLine(member) {
  const mp = member.since ? `MP since ${longDay(member.since)}` : 'MP';
  return [member.name, member.party, mp].filter(Boolean).join(', ');
}

/**
 * openFindMp({
 *   opener,   // where the focus goes back to (the focused element if not given)
 *   added,    // async ({ representative, added }) => …, once the MP is on record (added is false
 *             // when they already were); the dialog is closed by then
 * })
 */
export function openFindMp({ opener = document.activeElement, added }) {
  if (open) { open.focus(); return; }

  let busy = false;      // adding: the dialog waits for it
  let looking = 0;       // which lookup is current; a closed dialog ignores a late answer

  const input = h('input', {
    type: 'text', id: 'find-mp-postcode', name: 'postcode', testid: 'find-mp-postcode',
    autocomplete: 'postal-code', autocapitalize: 'characters', spellcheck: 'false', placeholder: 'e.g. B31 2AB',
    'aria-describedby': 'find-mp-postcode-hint find-mp-postcode-error',
  });
  const postcodeError = h('p', { class: 'error', id: 'find-mp-postcode-error', testid: 'error-postcode', hidden: true });
  const findButton = h('button', { type: 'submit', class: 'primary', testid: 'find-mp-search' }, FIND_TEXT);
  const message = h('p', { class: 'form-message', role: 'alert', tabindex: '-1', testid: 'find-mp-message', hidden: true });
  const status = h('p', { class: 'find-mp-status', testid: 'find-mp-status', role: 'status', 'aria-live': 'polite' });
  const result = h('section', {
    class: 'find-mp-result', testid: 'find-mp-result', tabindex: '-1', 'aria-label': 'What was found', hidden: true,
  });

  const form = h('form', { class: 'find-mp-form', testid: 'find-mp-form', novalidate: true },
    h('header', { class: 'find-mp-head' },
      h('h2', { id: 'find-mp-title', testid: 'find-mp-title' }, 'Find your MP by postcode'),
      h('p', { class: 'lede' }, 'Type a postcode in the constituency: yours, or your group’s.')),
    message,
    h('div', { class: 'field find-mp-field' },
      h('label', { for: 'find-mp-postcode' }, 'Postcode'),
      h('div', { class: 'find-mp-line' }, input, findButton),
      h('p', { class: 'hint', id: 'find-mp-postcode-hint', testid: 'find-mp-privacy' },
        'Find asks postcodes.io and the UK Parliament over the internet, only now. '
        + 'They are sent the postcode and its constituency, nothing else.'),
      postcodeError),
    status,
    result,
    h('div', { class: 'dialog-actions find-mp-actions' },
      h('button', { type: 'button', testid: 'find-mp-close', onclick: () => dialog.close() }, 'Close')));
  const dialog = h('dialog', { class: 'find-mp-dialog', testid: 'find-mp-dialog', 'aria-labelledby': 'find-mp-title' }, form);

  function clearMessages() {
    message.hidden = true;
    message.textContent = '';
    postcodeError.hidden = true;
    postcodeError.textContent = '';
    input.removeAttribute('aria-invalid');
  }

  /** A refusal: beside the box if it is about the postcode, otherwise above it. */
  function showFailure(failure) {
    if (failure.field === 'postcode') {
      postcodeError.textContent = failure.message;
      postcodeError.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    } else {
      message.textContent = failure.message;
      message.hidden = false;
      message.focus();
    }
  }

  function setLooking(on) {
    findButton.disabled = on;
    if (on) findButton.setAttribute('aria-busy', 'true'); else findButton.removeAttribute('aria-busy');
    findButton.textContent = on ? LOOKING : FIND_TEXT;
    status.textContent = on ? LOOKING : '';
  }

  function renderResult(found) {
    const member = found.member;
    const addButton = member ? h('button', {
      type: 'button', class: 'primary', testid: 'find-mp-add', onclick: () => add(member, addButton),
    }, `Add ${member.name} to your representatives`) : null;
    replace(result,
      h('p', { class: 'find-mp-seat', testid: 'find-mp-constituency' },
        `${found.postcode} is in `, h('strong', {}, found.constituency)),
      found.scottish_constituency
        ? h('p', { class: 'find-mp-holyrood', testid: 'find-mp-scottish' },
          'For the Scottish Parliament it is in ', h('strong', {}, found.scottish_constituency), '.')
        : null,
      member
        ? h('div', { class: 'find-mp-member' },
          h('p', { testid: 'find-mp-member' }, memberLine(member)),
          addButton)
        : h('p', { class: 'find-mp-vacant', testid: 'find-mp-vacant' }, 'The seat has no MP at present.'),
      h('div', { class: 'find-mp-credits', testid: 'find-mp-credits' },
        found.credits.map((credit) => h('p', { testid: 'find-mp-credit' }, credit))));
    result.hidden = false;
  }

  async function find() {
    const mine = ++looking;
    clearMessages();
    result.hidden = true;
    replace(result);
    if (!input.value.trim()) {
      showFailure({ field: 'postcode', message: 'Type a postcode first, such as B31 2AB.' });
      return;
    }
    setLooking(true);
    let found;
    try {
      found = await api.lookupPostcode(input.value);
    } catch (failure) {
      if (mine !== looking || !dialog.open) return;
      setLooking(false);
      showFailure(failure);
      return;
    }
    if (mine !== looking || !dialog.open) return;
    setLooking(false);
    renderResult(found);
    (result.querySelector('[data-testid=find-mp-add]') ?? result).focus();
  }

  async function add(member, button) {
    if (busy) return;
    busy = true;
    clearMessages();
    button.disabled = true;
    findButton.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.textContent = `Adding ${member.name}…`;
    let outcome;
    try {
      outcome = await api.addMember(member);
    } catch (failure) {
      busy = false;
      button.disabled = false;
      findButton.disabled = false;
      button.removeAttribute('aria-busy');
      button.textContent = `Add ${member.name} to your representatives`;
      showFailure(failure.field === 'postcode' ? failure : { message: failure.message });
      return;
    }
    busy = false;
    dialog.close();
    await added(outcome);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy || findButton.disabled) return;
    find();
  });

  open = dialog;
  showModal(dialog, { opener, isBusy: () => busy, onClose: () => { open = null; looking += 1; }, focus: input });
}
