// Settings, "Backups": where the day's automatic backups are kept and how many, "Back up now…"
// to a file the person chooses, the automatic backups newest first, each with "Restore…", and
// "Restore from a file…". A restore is asked about first (what you have now is kept as a backup,
// so it can be undone); once it is in, the window starts again from scratch on the restored
// records, and says so in a toast after the reload. A backup Rapport refuses (damaged, not
// Rapport's, from a newer version) is explained in the card and nothing is changed.
//
// The start-up screen (main.js) uses `restoreAndRestart` too, to offer the newest good backup
// when the records could not be opened.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { showModal } from '../modal.js';
import { toast } from '../toast.js';

/** Where the words for the toast wait out the reload after a restore. */
const NOTICE_KEY = 'rapport.restored';
/** The day's backup is taken on a thread of its own just after start: while there is none yet,
 *  the card asks again this often, this many times. */
const WAIT_FOR_FIRST_MS = 1000;
const WAIT_FOR_FIRST_TRIES = 20;

export const ROTATION_TEXT = 'Rapport keeps a copy of your records each day you open it: the last 7 days, 4 weeks and 12 months.';
const BACK_UP_TEXT = 'Back up now…';

/** "36 KB", "1.4 MB": a file's size as people read it. */
export function sizeText(bytes) {
  const n = Number(bytes) || 0;
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  const mb = n / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** The last part of a path, whichever separator it uses. */
export function fileName(path) {
  return String(path ?? '').split(/[\\/]/).pop();
}

/** "the backup from 24 November 2026 at 09:00". */
export function backupWords(backup) {
  return `the backup from ${dateTime(backup.taken_at)}`;
}

/** Restores `path` (or, with null, a file the person chooses) and starts the window again from
 *  scratch on the restored records, leaving a note for the toast after the reload. `words`
 *  names the backup in that note ("the backup from …"); a chosen file is named by its file
 *  name. Resolves to false if the choice was cancelled; rejects (an ApiError whose message says
 *  nothing was changed) if the backup is refused. */
export async function restoreAndRestart(path, words = null) {
  const outcome = await api.restoreBackup(path);
  if (!outcome) return false;
  const what = words ?? `the backup “${fileName(outcome.restored)}”`;
  try {
    sessionStorage.setItem(NOTICE_KEY, JSON.stringify({ what, kept: Boolean(outcome.kept) }));
  } catch {
    // No session storage: the reload still shows the restored records, only without the toast.
  }
  location.reload();
  return true;
}

/** The words for the toast after a restore's reload, once (null if there was no restore). */
export function takeRestoredNotice() {
  let note = null;
  try {
    note = JSON.parse(sessionStorage.getItem(NOTICE_KEY) ?? 'null');
    sessionStorage.removeItem(NOTICE_KEY);
  } catch {
    return null;
  }
  if (!note?.what) return null;
  return `Restored ${note.what}.${note.kept ? ' Your records before it are kept as a backup.' : ''}`;
}

let open = null;   // the confirmation on screen, so a second click does not open another

/**
 * Asks before a restore, in a modal dialog: `question` in full, then Restore or Cancel. While
 * `run` works the dialog says "Restoring…" and cannot be closed; `run` resolves to true when the
 * window is starting again (the dialog stays until it goes), false when nothing happened (the
 * file choice was cancelled), or throws: then the dialog closes and `failed(error)` is called.
 */
function confirmRestore({ question, yesText, opener, run, failed }) {
  if (open) { open.focus(); return; }
  let busy = false;
  const status = h('p', { class: 'restore-status', role: 'status', testid: 'restore-status' });
  const yes = h('button', { type: 'button', class: 'primary', testid: 'restore-confirm-yes' }, yesText);
  const no = h('button', { type: 'button', testid: 'restore-confirm-no', onclick: () => dialog.close() }, 'Cancel');
  const dialog = h('dialog', {
    class: 'restore-dialog', testid: 'restore-confirm', 'aria-labelledby': 'restore-confirm-title',
    'aria-describedby': 'restore-confirm-text',
  },
  h('div', { class: 'restore-body' },
    h('h2', { id: 'restore-confirm-title' }, 'Restore a backup?'),
    h('p', { id: 'restore-confirm-text', testid: 'restore-confirm-text' }, question),
    status,
    h('div', { class: 'dialog-actions' }, yes, no)));

  yes.addEventListener('click', async () => {
    if (busy) return;
    busy = true;
    yes.disabled = true;
    no.disabled = true;
    yes.setAttribute('aria-busy', 'true');
    yes.textContent = 'Restoring…';
    status.textContent = 'Restoring… Rapport starts again on the restored records when it is done.';
    let restarting;
    try {
      restarting = await run();
    } catch (error) {
      busy = false;
      // After modal.js has put the focus back on the opener, so the message can take it.
      dialog.addEventListener('close', () => failed(error), { once: true });
      dialog.close();
      return;
    }
    if (!restarting) {
      busy = false;
      dialog.close();
    }
  });

  open = dialog;
  showModal(dialog, { opener, isBusy: () => busy, onClose: () => { open = null; }, focus: no });
}

/** The Backups card: `{ el, show, leave }`. */
export function backupsCard() {
  const folderLine = h('p', { class: 'backups-folder', testid: 'backups-folder' });
  const message = h('p', { class: 'form-message backup-message', role: 'alert', tabindex: '-1', testid: 'backup-message', hidden: true });
  const list = h('div', { class: 'backup-list-box', testid: 'backup-list' }, h('p', { class: 'muted' }, 'Loading…'));
  const backUpNow = h('button', { type: 'button', class: 'primary', testid: 'backup-now', onclick: () => backUp() }, BACK_UP_TEXT);
  const fromFile = h('button', {
    type: 'button', testid: 'backup-restore-file',
    onclick: (event) => askToRestore(null, event.currentTarget),
  }, 'Restore from a file…');

  const el = h('section', { class: 'settings-card wide backups-card', testid: 'settings-backups', 'aria-labelledby': 'settings-backups-title' },
    h('div', { class: 'backups-head' },
      h('div', {},
        h('h2', { id: 'settings-backups-title' }, 'Backups'),
        h('p', { class: 'backups-rotation', testid: 'backups-rotation' }, ROTATION_TEXT)),
      backUpNow),
    folderLine,
    message,
    h('h3', { class: 'backups-list-title', id: 'backups-list-title' }, 'Automatic backups'),
    list,
    h('div', { class: 'backups-foot' },
      fromFile,
      h('p', { class: 'muted small' }, 'A copy you saved with “Back up now”, or one from another computer.')));

  let onScreen = false;
  let waiting = null;   // the timer asking again for the day's first backup
  let tries = 0;

  function showMessage(text) {
    message.textContent = text;
    message.hidden = false;
    message.focus();
  }

  function hideMessage() {
    message.hidden = true;
    message.textContent = '';
  }

  async function backUp() {
    hideMessage();
    backUpNow.disabled = true;
    backUpNow.setAttribute('aria-busy', 'true');
    backUpNow.textContent = 'Backing up…';
    try {
      const path = await api.backUpNow();
      if (path) toast(`Backed up to ${path}`);
    } catch (failure) {
      showMessage(failure.message);
    } finally {
      backUpNow.disabled = false;
      backUpNow.removeAttribute('aria-busy');
      backUpNow.textContent = BACK_UP_TEXT;
    }
    if (document.activeElement === document.body) backUpNow.focus();
  }

  /** Asks, then restores `backup` (one of the list), or a file to choose when it is null. */
  function askToRestore(backup, opener) {
    hideMessage();
    const words = backup ? backupWords(backup) : null;
    confirmRestore({
      question: backup
        ? `Replace your records with ${words}? What you have now is kept as a backup first, so this can be undone.`
        : 'Replace your records with a backup file you choose next? What you have now is kept as a backup first, so this can be undone.',
      yesText: backup ? 'Restore' : 'Choose the file…',
      opener,
      run: () => restoreAndRestart(backup ? backup.path : null, words),
      failed: (failure) => showMessage(failure.message),
    });
  }

  function renderList(backups) {
    if (backups.length === 0) {
      replace(list, h('p', { class: 'muted', testid: 'backups-empty' },
        'No automatic backups yet. Rapport takes the first a moment after it starts.'));
      return;
    }
    replace(list, h('ul', { class: 'backup-list', 'aria-labelledby': 'backups-list-title' }, backups.map((backup) => {
      const when = dateTime(backup.taken_at);
      return h('li', { class: 'backup-item', testid: 'backup-item' },
        h('span', { class: 'backup-when', testid: 'backup-when' }, when),
        h('span', { class: `backup-reason reason-${backup.reason}`, testid: 'backup-reason' }, backup.reason_label),
        h('span', { class: 'backup-size', testid: 'backup-size' }, sizeText(backup.bytes)),
        h('button', {
          type: 'button', class: 'backup-restore', testid: 'backup-restore',
          'aria-label': `Restore the backup from ${when}`,
          onclick: (event) => askToRestore(backup, event.currentTarget),
        }, 'Restore…'));
    })));
  }

  async function load() {
    clearTimeout(waiting);
    waiting = null;
    let overview;
    try {
      overview = await api.backupsOverview();
    } catch (failure) {
      replace(list, h('p', { class: 'problem', role: 'alert' }, failure.message));
      return;
    }
    if (!onScreen) return;
    replace(folderLine, 'They are kept in ', h('code', { class: 'backups-path', testid: 'backups-path' }, overview.folder), '.');
    renderList(overview.backups);
    if (overview.backups.length === 0 && tries < WAIT_FOR_FIRST_TRIES) {
      tries += 1;
      waiting = setTimeout(load, WAIT_FOR_FIRST_MS);
    }
  }

  function show() {
    onScreen = true;
    tries = 0;
    load();
  }

  function leave() {
    onScreen = false;
    clearTimeout(waiting);
    waiting = null;
  }

  return { el, show, leave };
}
