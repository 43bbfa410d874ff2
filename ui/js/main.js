// Entry point: decides between first-run set-up, a start-up problem, and the app, then wires
// navigation and keyboard shortcuts. Views do the rest.

import { h, replace } from './dom.js';
import { api } from './api.js';
import { setupScreen } from './views/setup.js';
import { sampleBanner } from './views/sample.js';
import { todayScreen } from './views/today.js';
import { representativesScreen } from './views/representatives.js';
import { peopleScreen } from './views/people.js';
import { settingsScreen } from './views/settings.js';
import { interactionsScreen, interactionScreen } from './views/interactions.js';
import { logScreen } from './views/log-form.js';
import { profileScreen, seatScreen } from './views/profile.js';
import { asksScreen } from './views/asks.js';
import { searchScreen } from './views/search.js';
import { backupWords, restoreAndRestart } from './views/backups.js';
import { dateTime } from './format.js';

const SCREENS = [
  { id: 'today', label: 'Today' },
  { id: 'representatives', label: 'Representatives' },
  { id: 'people', label: 'People' },
  { id: 'interactions', label: 'Interactions' },
  { id: 'asks', label: 'Asks & commitments' },
  { id: 'search', label: 'Search' },
  { id: 'settings', label: 'Settings' },
];

const app = document.getElementById('app');

async function start() {
  let status;
  let catalogue;
  let sample;
  try {
    [status, catalogue, sample] = await Promise.all([api.setupStatus(), api.catalogue(), api.sampleStatus()]);
  } catch (error) {
    replace(app, startupProblem(error));
    ready();
    return;
  }
  if (status.organisation && status.member) {
    runApp(status, catalogue, { sample: sample.exploring });
  } else {
    replace(app, setupScreen((done) => runApp(done, catalogue), (opened) => runApp(opened, catalogue, { sample: true })));
  }
  ready();
}

function ready() {
  document.body.dataset.ready = 'true';
}

/** Problems a backup can mend: the file is damaged, or not a database at all. (A file from a
 *  newer Rapport is sound: it wants a newer Rapport, not a restore.) */
const RESTORABLE = new Set(['damaged', 'not_a_database', 'database']);

/** The records could not be opened: say why, plainly, and when a backup can mend it, offer the
 *  newest one that passes the checks (or a file to choose). After a restore the window starts
 *  again from scratch. */
function startupProblem(error) {
  const offer = h('div', { class: 'startup-offer', testid: 'startup-offer', hidden: true });
  const card = h('div', { class: 'setup-card startup-card', testid: 'startup-error' },
    h('div', { class: 'startup-what', role: 'alert' },
      h('h1', {}, 'Rapport could not open your records'),
      h('p', { testid: 'startup-message' }, error.message)),
    offer,
    h('p', { class: 'muted small' }, 'If you need help, send this message to whoever looks after your group’s computers.'));
  offerBackup(offer, error);
  return h('main', { class: 'setup' }, card);
}

async function offerBackup(offer, error) {
  let overview;
  try {
    overview = await api.backupsOverview();
  } catch {
    return;   // Nothing more to offer than the message already shown.
  }
  const code = overview.problem?.code ?? error.code;
  if (!RESTORABLE.has(code)) return;
  const good = overview.newest_good;
  const message = h('p', { class: 'form-message', role: 'alert', tabindex: '-1', testid: 'startup-restore-message', hidden: true });
  const status = h('p', { class: 'startup-status', role: 'status', testid: 'startup-status' });
  const restoreButton = good
    ? h('button', { type: 'button', class: 'primary wide', testid: 'startup-restore' },
      `Restore ${backupWords(good)}`)
    : null;
  const fileButton = h('button', { type: 'button', class: good ? 'wide' : 'primary wide', testid: 'startup-restore-file' },
    good ? 'Choose another backup file…' : 'Choose a backup file…');
  const buttons = [restoreButton, fileButton].filter(Boolean);

  async function restore(button, path, words) {
    message.hidden = true;
    for (const b of buttons) b.disabled = true;
    const label = button.textContent;
    button.setAttribute('aria-busy', 'true');
    button.textContent = 'Restoring…';
    status.textContent = path ? 'Restoring… Rapport starts again on the restored records when it is done.' : '';
    try {
      if (await restoreAndRestart(path, words)) return;
    } catch (failure) {
      message.textContent = failure.message;
      message.hidden = false;
    }
    for (const b of buttons) b.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
    status.textContent = '';
    if (!message.hidden) message.focus(); else button.focus();
  }

  restoreButton?.addEventListener('click', () => restore(restoreButton, good.path, backupWords(good)));
  fileButton.addEventListener('click', () => restore(fileButton, null, null));

  replace(offer,
    h('h2', {}, good ? 'Carry on from a backup' : 'Restore a backup'),
    good
      ? h('p', {}, `The newest backup that passes Rapport’s checks is from ${dateTime(good.taken_at)}. `
        + 'Restoring it puts your records back as they were then: anything recorded since is not in it.')
      : h('p', {}, 'There is no automatic backup on this computer that passes Rapport’s checks. '
        + 'If you saved one with “Back up now”, choose that file.'),
    h('p', { class: 'muted' }, 'Rapport has not changed the file it could not open: it stays exactly as it is until you restore.'),
    message,
    h('div', { class: 'startup-actions' }, buttons),
    status);
  offer.hidden = false;
  (restoreButton ?? fileButton).focus();
}

// Routes are `#screen` or `#screen/param` (a record's id, or `new`). Each view is
// `{ el, show(param), add?, focusFilter? }`; screens not in the sidebar are opened from others.
// With `sample`, the sample data is open and a banner above every screen says so.
function runApp(status, catalogue, { sample = false } = {}) {
  const views = {
    today: todayScreen(status, navigate),
    representatives: representativesScreen(catalogue, navigate),
    people: peopleScreen(catalogue),
    interactions: interactionsScreen(catalogue, navigate),
    asks: asksScreen(catalogue, navigate),
    search: searchScreen(catalogue, navigate),
    settings: settingsScreen(status, catalogue, navigate),
    // Opened from other screens:
    interaction: interactionScreen(catalogue, navigate),
    log: logScreen(catalogue, navigate, status),
    representative: profileScreen(catalogue, navigate),
    seat: seatScreen(catalogue, navigate),
  };
  // Which sidebar entry each screen belongs under.
  const section = { interaction: 'interactions', log: 'interactions', representative: 'representatives', seat: 'representatives' };
  const links = {};
  const main = h('main', { class: 'content', id: 'content', tabindex: '-1' });
  const nav = h('nav', { class: 'sidebar', 'aria-label': 'Main' },
    h('div', { class: 'brand' },
      h('img', { src: 'logo.png', alt: '', width: 32, height: 32 }),
      h('div', {}, h('strong', {}, 'Rapport'), h('span', { class: 'org', testid: 'org-name' }, status.organisation.name))),
    h('ul', {}, SCREENS.map((screen, index) => {
      links[screen.id] = h('a', {
        href: `#${screen.id}`, testid: `nav-${screen.id}`,
        onclick: (event) => { event.preventDefault(); navigate(screen.id); },
      }, h('span', {}, screen.label), h('kbd', { 'aria-hidden': 'true' }, `Alt+${index + 1}`));
      return h('li', {}, links[screen.id]);
    })),
    h('p', { class: 'member', testid: 'member-name' }, 'Recording as ', h('strong', {}, status.member.full_name)));
  if (sample) {
    app.classList.add('exploring-sample');
    replace(app, sampleBanner(), h('div', { class: 'app-body' }, nav, main));
  } else {
    replace(app, nav, main);
  }

  let current = null;
  let currentRoute = null;
  /** Opens `route` ("interactions", "representative/ID", "log/new"). A view may refuse to be
   *  left (unsaved changes) by returning false from `leave()`. */
  function navigate(route) {
    const [id, ...rest] = String(route).split('/');
    const param = rest.join('/') || null;
    const view = views[id] ? id : 'today';
    if (current?.leave && views[view] !== current && current.leave() === false) return false;
    current = views[view];
    currentRoute = param ? `${view}/${param}` : view;
    const owner = section[view] ?? view;
    for (const [key, link] of Object.entries(links)) {
      if (key === owner) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    }
    replace(main, current.el);
    history.replaceState(null, '', `#${currentRoute}`);
    main.scrollTop = 0;
    current.show(param);
    return true;
  }

  document.addEventListener('keydown', (event) => {
    if (event.altKey && !event.ctrlKey && /^[1-7]$/.test(event.key)) {
      event.preventDefault();
      navigate(SCREENS[Number(event.key) - 1].id);
      links[SCREENS[Number(event.key) - 1].id].focus();
    } else if (event.ctrlKey && !event.altKey && event.key.toLowerCase() === 'n' && current?.add) {
      event.preventDefault();
      current.add();
    } else if (event.ctrlKey && !event.altKey && event.key.toLowerCase() === 'f' && current?.focusFilter) {
      event.preventDefault();
      current.focusFilter();
    } else if (event.ctrlKey && !event.altKey && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      if (current !== views.search) navigate('search');
      views.search.focusBox();
    } else if (event.ctrlKey && !event.altKey && event.key.toLowerCase() === 'l') {
      event.preventDefault();
      navigate('log/new');
    }
  });

  // The shell moves the address itself when a notification is clicked (to "#today").
  window.addEventListener('hashchange', () => {
    const wanted = decodeURIComponent(location.hash.slice(1));
    if (wanted !== currentRoute) navigate(wanted || 'today');
  });

  navigate(decodeURIComponent(location.hash.slice(1)) || 'today');
}

start();
