// Screens whose work is not built yet say plainly what they will hold, rather than pretend.

import { h } from '../dom.js';

export function upcomingScreen(id, title, lede, plan) {
  const root = h('section', { class: 'screen', testid: `${id}-view`, 'aria-labelledby': `${id}-title` },
    h('header', { class: 'screen-head' },
      h('div', {}, h('h1', { id: `${id}-title` }, title), h('p', { class: 'lede' }, lede))),
    h('div', { class: 'notice' },
      h('h2', {}, 'Not built yet'),
      h('p', {}, plan)));
  return { el: root, show: () => {} };
}
