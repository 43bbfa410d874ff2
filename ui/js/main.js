// Entry point: decides between first-run set-up, a start-up problem, and the app, then wires
// navigation and keyboard shortcuts. Views do the rest.

import { h, replace } from './dom.js';
import { api } from './api.js';
import { setupScreen } from './views/setup.js';
import { todayScreen } from './views/today.js';
import { representativesScreen } from './views/representatives.js';
import { peopleScreen } from './views/people.js';
import { settingsScreen } from './views/settings.js';
import { interactionsScreen, interactionScreen } from './views/interactions.js';
import { logScreen } from './views/log-form.js';
import { profileScreen, seatScreen } from './views/profile.js';
import { asksScreen } from './views/asks.js';
import { searchScreen } from './views/search.js';

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
  try {
    [status, catalogue] = await Promise.all([api.setupStatus(), api.catalogue()]);
  } catch (error) {
    replace(app, startupProblem(error));
    ready();
    return;
  }
  if (status.organisation && status.member) {
    runApp(status, catalogue);
  } else {
    replace(app, setupScreen((done) => runApp(done, catalogue)));
  }
  ready();
}

function ready() {
  document.body.dataset.ready = 'true';
}

function startupProblem(error) {
  return h('main', { class: 'setup' },
    h('div', { class: 'setup-card', role: 'alert', testid: 'startup-error' },
      h('h1', {}, 'Rapport could not open your records'),
      h('p', {}, error.message),
      h('p', { class: 'muted' }, 'If you need help, send this message to whoever looks after your group’s computers.')));
}

// Routes are `#screen` or `#screen/param` (a record's id, or `new`). Each view is
// `{ el, show(param), add?, focusFilter? }`; screens not in the sidebar are opened from others.
function runApp(status, catalogue) {
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
  replace(app, nav, main);

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
