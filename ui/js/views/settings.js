// Settings: who this computer records as, the seats our area covers (with who holds each
// now), every current MP imported from Parliament (in the background, with progress and
// cancel), the reminders' thresholds, letters (our address and the templates, templates.js),
// backups (backups.js), and the records deleted lately, which can be brought back.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { dateTime, longDate } from '../format.js';
import { field, clearErrors, showError } from '../form.js';
import { toast } from '../toast.js';
import { lettersSettings } from './templates.js';
import { backupsCard, takeRestoredNotice } from './backups.js';

const REMINDER_FORM = 'reminder-settings-form';
const REMINDER_FIELDS = [
  { name: 'letter_reply_days', label: 'Chase a letter or email after (days)', type: 'number', min: 1, max: 365 },
  { name: 'thank_you_days', label: 'Send a thank-you within (days)', type: 'number', min: 0, max: 30 },
  { name: 'contact_cadence_days', label: 'Check in with a representative after (days)', type: 'number', min: 7, max: 3650,
    hint: '91 days is about three months. A representative’s own record can set a different period.' },
  { name: 'ask_response_days', label: 'Chase an ask with no response after (days)', type: 'number', min: 1, max: 365 },
];

/** How often the window asks how an import of every MP is getting on. */
const IMPORT_POLL_MS = 250;
const IMPORT_TEXT = 'Import all current MPs';

const TABLE_LABEL = {
  people: 'Person', representatives: 'Representative', interactions: 'Interaction', asks: 'Ask',
  commitments: 'Commitment', follow_ups: 'Follow-up', campaigns: 'Campaign',
};

const mps = (n) => `${n} ${n === 1 ? 'MP' : 'MPs'}`;

/** "a, b and c". */
function inWords(parts) {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "Imported 650 current MPs: 647 added, 1 linked to a record you had typed and 2 already up
 *  to date. 1 MP you had on record is no longer listed and is now a former MP." */
export function importSummary({ listed, added, linked, updated, left }) {
  const unchanged = Math.max(0, listed - added - linked - updated);
  const parts = [
    added ? `${added} added` : null,
    linked ? `${linked} linked to ${linked === 1 ? 'a record' : 'records'} you had typed` : null,
    updated ? `${updated} updated` : null,
    unchanged ? `${unchanged} already up to date` : null,
  ].filter(Boolean);
  let text = `Imported ${listed} current ${listed === 1 ? 'MP' : 'MPs'}${parts.length ? `: ${inWords(parts)}` : ''}.`;
  if (left === 1) text += ' 1 MP you had on record is no longer listed and is now a former MP.';
  else if (left > 1) text += ` ${left} MPs you had on record are no longer listed and are now former MPs.`;
  return text;
}

export function settingsScreen(status, catalogue, navigate) {
  const row = (label, value, testid) => [h('dt', {}, label), h('dd', { testid }, value)];
  const seatsList = h('div', { class: 'settings-seats' });
  const deletedList = h('div', { class: 'settings-deleted' });
  const seatName = h('input', { id: 'cover-seat-name', name: 'seat_name', testid: 'field-seat_name', autocomplete: 'off',
    placeholder: 'e.g. Rochester and Strood', 'aria-describedby': 'cover-seat-error' });
  const seatKind = h('select', { id: 'cover-seat-kind', name: 'seat_kind', testid: 'field-seat_kind' },
    catalogue.seat_kinds.map((k) => h('option', { value: k.code }, k.label)));
  const seatError = h('p', { class: 'error', id: 'cover-seat-error', testid: 'error-seat_name', hidden: true });
  const seatForm = h('form', { class: 'inline-form', novalidate: true, testid: 'cover-seat-form' },
    h('div', { class: 'field' }, h('label', { for: 'cover-seat-name' }, 'Add a seat'), seatName),
    h('div', { class: 'field' }, h('label', { for: 'cover-seat-kind' }, 'Kind'), seatKind),
    h('button', { type: 'submit', class: 'primary', testid: 'cover-seat-add' }, 'Add seat'),
    seatError);
  seatForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    seatError.hidden = true;
    seatName.removeAttribute('aria-invalid');
    try {
      renderSeats(await api.coverSeat(seatName.value, seatKind.value));
      toast(`Added ${seatName.value.trim()} to the seats your area covers.`);
      seatName.value = '';
    } catch (failure) {
      seatError.textContent = failure.message;
      seatError.hidden = false;
      seatName.setAttribute('aria-invalid', 'true');
      seatName.focus();
    }
  });

  // ----- reminders: the rules' thresholds and desktop notifications -----
  const reminderBody = h('div', { class: 'reminder-settings-body' }, h('p', { class: 'muted' }, 'Loading…'));
  let reminderForm = null;

  function renderReminderSettings(settings) {
    const notifications = h('input', {
      type: 'checkbox', id: `${REMINDER_FORM}-notifications`, name: 'notifications', testid: 'field-notifications',
      'aria-describedby': `${REMINDER_FORM}-notifications-error`,
    });
    notifications.checked = Boolean(settings.notifications);
    reminderForm = h('form', { class: 'reminder-settings-form', id: REMINDER_FORM, testid: REMINDER_FORM, novalidate: true },
      h('p', { class: 'form-message', role: 'alert', tabindex: '-1', testid: 'form-message', hidden: true }),
      h('div', { class: 'fields reminder-fields' },
        REMINDER_FIELDS.map((spec) => field(REMINDER_FORM, spec, settings[spec.name] ?? ''))),
      h('div', { class: 'field check-field' },
        h('label', { for: `${REMINDER_FORM}-notifications`, class: 'check' }, notifications, ' Desktop notifications when something falls due'),
        h('p', { class: 'error', id: `${REMINDER_FORM}-notifications-error`, testid: 'error-notifications', hidden: true })),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', testid: 'reminder-settings-save' }, 'Save reminder settings')));
    reminderForm.addEventListener('submit', (event) => { event.preventDefault(); saveReminderSettings(); });
    replace(reminderBody, reminderForm);
  }

  /** The form's values: whole numbers of days, or the first field that is not one. */
  function readReminderSettings(form) {
    const settings = {};
    for (const spec of REMINDER_FIELDS) {
      const control = form.elements.namedItem(spec.name);
      const raw = control.value.trim();
      const days = Number(raw);
      if (control.validity.badInput || raw === '' || !Number.isInteger(days)) {
        return { error: { field: spec.name, message: `Enter a whole number of days, such as ${spec.name === 'contact_cadence_days' ? 91 : 14}.` } };
      }
      settings[spec.name] = days;
    }
    settings.notifications = form.elements.namedItem('notifications').checked;
    return { settings };
  }

  async function saveReminderSettings() {
    const form = reminderForm;
    clearErrors(form);
    const { settings, error } = readReminderSettings(form);
    if (error) { showError(form, error.field, error.message); return; }
    const button = form.querySelector('[data-testid=reminder-settings-save]');
    button.disabled = true;
    let saved;
    try {
      saved = await api.saveReminderSettings(settings);
    } catch (failure) {
      button.disabled = false;
      showError(form, failure.field, failure.message);
      return;
    }
    renderReminderSettings(saved);
    toast('Reminder settings saved.');
    reminderForm.querySelector('[data-testid=reminder-settings-save]').focus();
  }

  // ----- every current MP, imported from Parliament in the background -----
  const membersLast = h('p', { class: 'members-last', testid: 'members-last' });
  const membersStart = h('button', {
    type: 'button', class: 'primary', testid: 'members-import-start', onclick: () => startImport(),
  }, IMPORT_TEXT);
  const progressBar = h('progress', { id: 'members-progress', testid: 'members-progress', 'aria-describedby': 'members-progress-text' });
  const progressText = h('p', {
    class: 'members-progress-text', id: 'members-progress-text', testid: 'members-progress-text', 'aria-live': 'polite',
  });
  const cancelButton = h('button', { type: 'button', testid: 'members-import-cancel', onclick: () => cancelImport() }, 'Cancel');
  const progressBox = h('div', { class: 'members-progress', testid: 'members-progress-box', hidden: true },
    h('label', { for: 'members-progress' }, 'Importing every current MP from Parliament'),
    progressBar,
    h('div', { class: 'members-progress-line' }, progressText, cancelButton));
  const membersSummary = h('p', { class: 'members-summary', role: 'status', testid: 'members-summary', hidden: true });
  const membersMessage = h('p', { class: 'form-message members-message', role: 'alert', testid: 'members-message', hidden: true });
  const membersCredit = h('p', { class: 'muted small members-credit', testid: 'members-credit' },
    'Contains Parliamentary information licensed under the Open Parliament Licence v3.0.');
  let onScreen = false;
  let watching = 0;        // which round of polling is current; a late answer from an old one is ignored
  let pollTimer = null;
  let cancelling = false;
  let wasRunning = false;  // the last status seen was of an import under way

  function stopWatching() {
    watching += 1;
    clearTimeout(pollTimer);
    pollTimer = null;
  }

  /** Shows where the import stands and, while it runs, asks again shortly. */
  function watchImport(first) {
    stopWatching();
    const mine = watching;
    const step = (now) => {
      if (mine !== watching || !onScreen) return;
      renderImport(now);
      if (!now.running) return;
      pollTimer = setTimeout(async () => {
        pollTimer = null;
        let next;
        try {
          next = await api.membersImportStatus();
        } catch (failure) {
          if (mine !== watching || !onScreen) return;
          showImportFailure(failure.message);
          return;
        }
        step(next);
      }, IMPORT_POLL_MS);
    };
    if (first) { step(first); return; }
    api.membersImportStatus().then(step, (failure) => {
      if (mine === watching && onScreen) showImportFailure(failure.message);
    });
  }

  function renderImport(importStatus) {
    const { running, fetched, total, summary, error, last, credit } = importStatus;
    membersLast.textContent = last
      ? `Last imported on ${longDate(last.at)}: ${mps(last.listed)}.`
      : 'Not imported yet.';
    if (credit) membersCredit.textContent = credit;
    membersStart.disabled = running;
    if (running) {
      progressBox.hidden = false;
      membersSummary.hidden = true;
      membersMessage.hidden = true;
      if (total > 0) {
        progressBar.max = total;
        progressBar.value = fetched;
      } else {
        progressBar.removeAttribute('value');   // indeterminate until Parliament says how many
      }
      const text = total > 0 ? `Fetched ${fetched} of ${mps(total)}…` : 'Asking Parliament for the list of MPs…';
      if (progressText.textContent !== text) progressText.textContent = text;
      cancelButton.textContent = cancelling ? 'Cancelling…' : 'Cancel';
      if (cancelling) cancelButton.setAttribute('aria-disabled', 'true'); else cancelButton.removeAttribute('aria-disabled');
      wasRunning = true;
      return;
    }
    // Finished (or never started): the outcome of the last run, if there was one.
    const hadFocus = progressBox.contains(document.activeElement) || document.activeElement === document.body;
    progressBox.hidden = true;
    cancelling = false;
    membersSummary.hidden = !summary;
    membersSummary.textContent = summary ? importSummary(summary) : '';
    membersMessage.hidden = !error;
    membersMessage.textContent = error ? error.message : '';
    membersMessage.classList.toggle('cancelled', error?.field === 'cancelled');
    if (wasRunning) {
      wasRunning = false;
      if (hadFocus) membersStart.focus();
      if (summary) api.coveredSeats().then(renderSeats, () => {});   // who holds each seat may have changed
    }
  }

  function showImportFailure(message) {
    progressBox.hidden = true;
    membersStart.disabled = false;
    cancelling = false;
    wasRunning = false;
    membersSummary.hidden = true;
    membersMessage.classList.remove('cancelled');
    membersMessage.textContent = message;
    membersMessage.hidden = false;
  }

  async function startImport() {
    if (membersStart.disabled) return;
    membersStart.disabled = true;
    cancelling = false;
    let started;
    try {
      started = await api.startMembersImport();
    } catch (failure) {
      showImportFailure(failure.message);
      membersStart.focus();
      return;
    }
    watchImport(started);
    (started.running ? cancelButton : membersStart).focus();
  }

  async function cancelImport() {
    if (cancelling) return;
    cancelling = true;
    cancelButton.textContent = 'Cancelling…';
    cancelButton.setAttribute('aria-disabled', 'true');
    try {
      await api.cancelMembersImport();
    } catch (failure) {
      cancelling = false;
      cancelButton.textContent = 'Cancel';
      cancelButton.removeAttribute('aria-disabled');
      toast(failure.message);
    }
  }

  const letters = lettersSettings(catalogue);
  const backups = backupsCard();

  // After a restore the window starts again from scratch (backups.js) and this screen is built
  // anew, whichever screen opens first: say here what was restored.
  const restored = takeRestoredNotice();
  if (restored) toast(restored);

  const root = h('section', { class: 'screen', testid: 'settings-view', 'aria-labelledby': 'settings-title' },
    h('header', { class: 'screen-head' },
      h('div', {}, h('h1', { id: 'settings-title' }, 'Settings'), h('p', { class: 'lede' }, 'This computer, your organisation and your area.'))),
    h('div', { class: 'settings-grid' },
      h('section', { class: 'settings-card', 'aria-labelledby': 'settings-org' },
        h('h2', { id: 'settings-org' }, 'Organisation'),
        h('dl', { class: 'facts plain' },
          row('Organisation', status.organisation?.name ?? '—', 'settings-organisation'),
          row('Recording as', status.member?.full_name ?? '—', 'settings-member')),
        h('p', { class: 'muted small' }, 'Your records are kept on this computer only. Backups, below, keep copies of them; “rapport-cli export” takes a complete copy as a file.')),
      h('section', { class: 'settings-card', 'aria-labelledby': 'settings-seats' },
        h('h2', { id: 'settings-seats' }, 'Seats your area covers'),
        h('p', { class: 'muted small' }, 'An area can straddle two constituencies. Each seat keeps who held it when, so the history survives an election.'),
        seatsList, seatForm),
      h('section', { class: 'settings-card wide members-import', testid: 'settings-members', 'aria-labelledby': 'settings-members-title' },
        h('h2', { id: 'settings-members-title' }, 'MPs from Parliament'),
        h('p', { class: 'muted small' }, 'Adds every current MP to your representatives and keeps their party and seat up to date. '
          + 'Rapport asks the UK Parliament Members API only when you press the button.'),
        h('div', { class: 'members-start-line' }, membersStart, membersLast),
        progressBox, membersSummary, membersMessage, membersCredit),
      h('section', { class: 'settings-card wide', testid: 'reminder-settings', 'aria-labelledby': 'settings-reminders' },
        h('h2', { id: 'settings-reminders' }, 'Reminders'),
        h('p', { class: 'muted small' }, 'When Today reminds you to chase, thank or check in. Follow-ups and promises are due on their own dates.'),
        reminderBody),
      letters.el,
      backups.el,
      h('section', { class: 'settings-card wide', 'aria-labelledby': 'settings-deleted' },
        h('h2', { id: 'settings-deleted' }, 'Recently deleted'),
        h('p', { class: 'muted small' }, 'Nothing is erased when you delete it. Restore anything here; a meeting comes back with its asks, commitments and follow-ups.'),
        deletedList)));

  function renderSeats(seats) {
    if (seats.length === 0) {
      replace(seatsList, h('p', { class: 'muted', testid: 'covered-seats-empty' }, 'No seats yet. Add the constituency or ward your area is in.'));
      return;
    }
    replace(seatsList, h('ul', { class: 'plain-list' }, seats.map((seat) => h('li', { class: 'covered-seat' },
      h('span', { testid: 'covered-seat' },
        h('button', { type: 'button', class: 'row-link', onclick: () => navigate(`seat/${seat.id}`) }, seat.name),
        h('span', { class: 'muted' }, seat.holder ? ` — held by ${seat.holder.name}` : ' — no holder recorded')),
      h('button', {
        type: 'button', class: 'link small', 'aria-label': `Stop covering ${seat.name}`,
        onclick: async () => {
          if (!window.confirm(`Stop listing ${seat.name} as a seat your area covers? Its history is kept.`)) return;
          try { renderSeats(await api.uncoverSeat(seat.id)); } catch (failure) { toast(failure.message); }
        },
      }, 'Remove')))));
  }

  function renderDeleted(records) {
    if (records.length === 0) {
      replace(deletedList, h('p', { class: 'muted', testid: 'deleted-empty' }, 'Nothing has been deleted.'));
      return;
    }
    replace(deletedList, h('table', { class: 'records' },
      h('thead', {}, h('tr', {}, ['What', 'Name', 'Deleted', ''].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, records.map((record) => h('tr', { testid: 'deleted-row' },
        h('td', {}, TABLE_LABEL[record.table] ?? record.table),
        h('td', { testid: 'deleted-label' }, record.label),
        h('td', {}, `${dateTime(record.deleted_at)}${record.deleted_by ? ` by ${record.deleted_by}` : ''}`),
        h('td', {}, h('button', {
          type: 'button', testid: 'deleted-restore', 'aria-label': `Restore ${record.label}`,
          onclick: async () => {
            try {
              await api.restoreRecord(record.table, record.id);
              toast(`Restored ${record.label}.`);
            } catch (failure) {
              toast(failure.message);
            }
            show();
          },
        }, 'Restore')))))));
  }

  async function show() {
    onScreen = true;
    watchImport();
    loadReminderSettings();
    letters.show();
    backups.show();
    try {
      const [seats, deleted] = await Promise.all([api.coveredSeats(), api.deletedRecords(200)]);
      renderSeats(seats);
      renderDeleted(deleted);
    } catch (error) {
      replace(deletedList, h('p', { class: 'problem', role: 'alert' }, error.message));
    }
  }

  async function loadReminderSettings() {
    try {
      renderReminderSettings(await api.reminderSettings());
    } catch (error) {
      replace(reminderBody, h('p', { class: 'problem', role: 'alert' }, error.message));
    }
  }

  /** Leaving the screen stops asking after the import; it goes on in the background, and
   *  coming back shows it again. A template changed and not saved is asked about first. */
  function leave() {
    if (letters.leave() === false) return false;
    onScreen = false;
    stopWatching();
    backups.leave();
    return true;
  }

  return { el: root, show, leave };
}
