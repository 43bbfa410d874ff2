// Settings: who this computer records as, and for which organisation.

import { h } from '../dom.js';

export function settingsScreen(status) {
  const row = (label, value, testid) => [h('dt', {}, label), h('dd', { testid }, value)];
  const root = h('section', { class: 'screen', testid: 'settings-view', 'aria-labelledby': 'settings-title' },
    h('header', { class: 'screen-head' },
      h('div', {}, h('h1', { id: 'settings-title' }, 'Settings'), h('p', { class: 'lede' }, 'This computer and your organisation.'))),
    h('dl', { class: 'facts' },
      row('Organisation', status.organisation?.name ?? '—', 'settings-organisation'),
      row('Recording as', status.member?.full_name ?? '—', 'settings-member')),
    h('p', { class: 'muted' }, 'Your records are kept on this computer only. Use “rapport-cli export” to take a complete copy.'));
  return { el: root, show: () => {} };
}
