// Entry point: decides between first-run set-up, a start-up problem, and the app, then wires
// navigation and keyboard shortcuts. Views do the rest.

import { h, replace } from './dom.js';
import { api } from './api.js';
import { setupScreen } from './views/setup.js';
import { todayScreen } from './views/today.js';
import { representativesScreen } from './views/representatives.js';
import { peopleScreen } from './views/people.js';
import { settingsScreen } from './views/settings.js';
import { upcomingScreen } from './views/upcoming.js';

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

function runApp(status, catalogue) {
  const views = {
    today: todayScreen(status, navigate),
    representatives: representativesScreen(catalogue),
    people: peopleScreen(catalogue),
    interactions: upcomingScreen('interactions', 'Interactions', 'Meetings, surgery visits, letters, emails and calls.',
      'Logging a meeting — who attended, what was said, the asks made and the promises given on both sides — is the next thing to be built.'),
    asks: upcomingScreen('asks', 'Asks & commitments', 'What we asked for, and what each side promised.',
      'Every ask and commitment, with its status and history, will be listed here once meetings can be logged.'),
    search: upcomingScreen('search', 'Search', 'Names, notes, asks and letters, in one box.',
      'Search across everything you record will arrive with meeting logging. For now, each list has a filter box.'),
    settings: settingsScreen(status),
  };
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
  function navigate(id) {
    const view = views[id] ? id : 'today';
    current = views[view];
    for (const [key, link] of Object.entries(links)) {
      if (key === view) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    }
    replace(main, current.el);
    history.replaceState(null, '', `#${view}`);
    current.show();
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
    }
  });

  navigate(location.hash.slice(1) || 'today');
}

start();
