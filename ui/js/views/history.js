// A record's history, shown on demand: who recorded it and every later change, field by field.
// Used by the interaction, ask, commitment and profile views.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';

const VERB = { create: 'Recorded', update: 'Changed', delete: 'Deleted', restore: 'Restored' };

/** A collapsed "History" section for record `id` of `table` that loads when opened. */
export function historyPanel(table, id) {
  const list = h('div', { class: 'history-body' }, h('p', { class: 'muted' }, 'Loading…'));
  const panel = h('details', { class: 'history', testid: 'history' },
    h('summary', { testid: 'history-toggle' }, 'History of this record'), list);
  panel.addEventListener('toggle', () => { if (panel.open) load(); });

  async function load() {
    let entries;
    try {
      entries = await api.recordHistory(table, id);
    } catch (error) {
      replace(list, h('p', { class: 'problem', role: 'alert' }, error.message));
      return;
    }
    if (entries.length === 0) {
      replace(list, h('p', { class: 'muted' }, 'No history is recorded for this yet.'));
      return;
    }
    replace(list, h('ol', { class: 'history-list' }, entries.map((entry) => h('li', { testid: 'history-entry' },
      h('p', { class: 'history-line' },
        h('strong', {}, VERB[entry.action] ?? entry.action), ` by ${entry.changed_by || 'someone unknown'} on ${dateTime(entry.changed_at)}`),
      entry.changes.length ? h('ul', { class: 'history-changes' }, entry.changes.map((change) => h('li', {},
        h('span', { class: 'history-field' }, `${change.field}: `),
        change.before ? h('del', {}, change.before) : h('em', { class: 'muted' }, 'blank'),
        ' → ',
        change.after ? h('ins', {}, change.after) : h('em', { class: 'muted' }, 'blank')))) : null))));
  }

  return panel;
}
