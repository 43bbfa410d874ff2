// Short notices at the foot of the window, with an optional action such as "Undo".

import { h } from './dom.js';

const SHOW_FOR_MS = 8000;

export function toast(message, action) {
  const host = document.getElementById('toasts');
  const note = h('div', { class: 'toast', testid: 'toast' }, h('span', {}, message));
  let timer = setTimeout(() => note.remove(), SHOW_FOR_MS);
  if (action) {
    note.appendChild(h('button', {
      type: 'button', class: 'link', testid: 'toast-action',
      onclick: async () => { clearTimeout(timer); note.remove(); await action.run(); },
    }, action.label));
  }
  note.appendChild(h('button', {
    type: 'button', class: 'icon', 'aria-label': 'Dismiss', onclick: () => { clearTimeout(timer); note.remove(); },
  }, '×'));
  host.appendChild(note);
}
