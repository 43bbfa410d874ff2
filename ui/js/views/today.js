// Today: the home screen. For now it greets the member and says where things stand; the
// reminders (due follow-ups and commitments) join it when they are built.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { greeting, longDate } from '../format.js';

export function todayScreen(status, navigate) {
  const body = h('div', { class: 'today-body' });
  const root = h('section', { class: 'screen', testid: 'today-view', 'aria-labelledby': 'today-title' },
    h('header', { class: 'screen-head' },
      h('div', {},
        h('h1', { id: 'today-title' }, 'Today'),
        h('p', { class: 'lede', testid: 'today-date' }, longDate(status.now))),
      h('div', { class: 'toolbar' },
        h('button', { type: 'button', class: 'primary', testid: 'today-log', onclick: () => navigate('log/new') },
          'Log a meeting', h('kbd', { 'aria-hidden': 'true' }, 'Ctrl+L')))),
    body);

  async function show() {
    let reps = [];
    let people = [];
    try {
      [reps, people] = await Promise.all([api.listRepresentatives(), api.listPeople()]);
    } catch (error) {
      replace(body, h('p', { class: 'problem', role: 'alert' }, error.message));
      return;
    }
    const first = status.member?.full_name?.split(/\s+/)[0] ?? '';
    replace(body,
      h('p', { class: 'greeting' }, `${greeting(new Date(status.now))}${first ? `, ${first}` : ''}.`),
      h('div', { class: 'cards' },
        card('Representatives', reps.length, reps.length ? `${reps.map((r) => r.full_name).slice(0, 3).join(', ')}${reps.length > 3 ? '…' : ''}` : 'Add your MP to begin.',
          'Go to representatives', () => navigate('representatives')),
        card('People', people.length, 'Members, volunteers and other contacts.', 'Go to people', () => navigate('people'))),
      h('div', { class: 'notice' },
        h('h2', {}, 'Follow-ups and reminders'),
        h('p', {}, 'Reminders on this screen are not built yet. Until they are, the follow-ups and promises you log, with those overdue marked, are on each representative’s profile and under Asks & commitments.'),
        h('button', { type: 'button', class: 'link', testid: 'today-asks', onclick: () => navigate('asks') }, 'Go to asks & commitments')));
  }

  function card(title, count, text, action, onclick) {
    return h('article', { class: 'card' },
      h('h2', {}, title),
      h('p', { class: 'big-number' }, String(count)),
      h('p', { class: 'muted' }, text),
      h('button', { type: 'button', class: 'link', onclick }, action));
  }

  return { el: root, show };
}
