// Search: one box over names, summaries, private impressions, asks, commitments, follow-ups
// and notes (Ctrl+K from anywhere). The core ranks the matches and marks matched words
// between U+0002 and U+0003; they are turned into <mark> elements here, text by text, so
// nothing typed is ever read as markup.

import { h, replace } from '../dom.js';
import { api } from '../api.js';

const KIND_LABEL = {
  person: 'Person', representative: 'Representative', seat: 'Seat', campaign: 'Campaign',
  interaction: 'Interaction', ask: 'Ask', commitment: 'Commitment', follow_up: 'Follow-up',
};

/** Text with its marked stretches as <mark> elements. */
export function markedText(text) {
  const parts = [];
  let inMark = false;
  for (const piece of String(text ?? '').split(/([\u0002\u0003])/)) {
    if (piece === '\u0002') inMark = true;
    else if (piece === '\u0003') inMark = false;
    else if (piece) parts.push(inMark ? h('mark', {}, piece) : piece);
  }
  return parts;
}

/** The screen that shows a hit. */
function routeOf(hit) {
  switch (hit.kind) {
    case 'representative': return `representative/${hit.id}`;
    case 'interaction': return `interaction/${hit.id}`;
    case 'seat': return `seat/${hit.id}`;
    case 'person': return `people/edit/${hit.id}`;
    case 'ask': case 'commitment': case 'follow_up':
      if (hit.interaction_id) return `interaction/${hit.interaction_id}`;
      if (hit.representative_id) return `representative/${hit.representative_id}`;
      return 'asks';
    default: return 'asks';
  }
}

export function searchScreen(catalogue, navigate) {
  const box = h('input', {
    type: 'search', id: 'search-box', class: 'search-box', testid: 'search-box', autocomplete: 'off',
    placeholder: 'Search names, meetings, asks, promises and notes',
    'aria-describedby': 'search-hint', 'aria-controls': 'search-results',
  });
  const status = h('p', { class: 'search-status muted', role: 'status', testid: 'search-status' });
  const results = h('ol', { class: 'search-results', id: 'search-results', testid: 'search-results' });
  const root = h('section', { class: 'screen', testid: 'search-view', 'aria-labelledby': 'search-title' },
    h('header', { class: 'screen-head' },
      h('div', {},
        h('h1', { id: 'search-title' }, 'Search'),
        h('p', { class: 'lede', id: 'search-hint' }, 'Everything you have recorded, in one box. Press Ctrl+K from any screen to come here.'))),
    h('div', { class: 'search-panel' },
      h('label', { for: 'search-box', class: 'visually-hidden' }, 'Search'),
      box, status, results));

  let timer = null;
  let asked = 0;
  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      clearTimeout(timer);
      run().then(() => results.querySelector('button')?.click());
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      results.querySelector('button')?.focus();
    }
  });
  results.addEventListener('keydown', (event) => {
    const buttons = [...results.querySelectorAll('button')];
    const index = buttons.indexOf(document.activeElement);
    if (index < 0) return;
    if (event.key === 'ArrowDown' && index < buttons.length - 1) { event.preventDefault(); buttons[index + 1].focus(); }
    if (event.key === 'ArrowUp') { event.preventDefault(); (index === 0 ? box : buttons[index - 1]).focus(); }
  });

  async function run() {
    const text = box.value.trim();
    const ticket = ++asked;
    if (!text) {
      replace(results);
      replace(status, 'Type a word or a name: a meeting’s topic, a promise, a caseworker’s name.');
      return;
    }
    let hits;
    try {
      hits = await api.search(text, 50);
    } catch (error) {
      replace(status, error.message);
      return;
    }
    if (ticket !== asked) return; // a newer search has started
    replace(status, hits.length === 0
      ? `Nothing matches “${text}”. Try fewer words, or the start of a word.`
      : `${hits.length === 50 ? 'The best 50' : hits.length} ${hits.length === 1 ? 'match' : 'matches'} for “${text}”.`);
    replace(results, hits.map((hit) => h('li', {},
      h('button', { type: 'button', class: 'search-hit', testid: 'search-hit', onclick: () => navigate(routeOf(hit)) },
        h('span', { class: `kind-tag kind-${hit.kind}` }, KIND_LABEL[hit.kind] ?? hit.kind),
        h('span', { class: 'hit-main' },
          h('span', { class: 'hit-title', testid: 'search-hit-title' }, hit.title ? markedText(hit.title) : hit.context),
          h('span', { class: 'hit-context muted' }, hit.context),
          hit.snippet ? h('span', { class: 'hit-snippet', testid: 'search-hit-snippet' }, markedText(hit.snippet)) : null)))));
  }

  return {
    el: root,
    show: () => { run(); },
    focusBox: () => { box.focus(); box.select(); },
  };
}
