// Settings: who this computer records as, the seats our area covers (with who holds each
// now), and the records deleted lately, which can be brought back.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { toast } from '../toast.js';

const TABLE_LABEL = {
  people: 'Person', representatives: 'Representative', interactions: 'Interaction', asks: 'Ask',
  commitments: 'Commitment', follow_ups: 'Follow-up', campaigns: 'Campaign',
};

export function settingsScreen(status, catalogue, navigate) {
  const row = (label, value, testid) => [h('dt', {}, label), h('dd', { testid }, value)];
  const seatsList = h('div', { class: 'settings-seats' });
  const deletedList = h('div', { class: 'settings-deleted' });
  const seatName = h('input', { id: 'cover-seat-name', name: 'seat_name', testid: 'field-seat_name', autocomplete: 'off',
    placeholder: 'e.g. Rochester and Strood', 'aria-describedby': 'cover-seat-error' });
  const seatKind = h('select', { id: 'cover-seat-kind', name: 'seat_kind', testid: 'field-seat_kind' },
    catalogue.seat_kinds.map((k) => h('option', { value: k.code }, k.label)));
  const seatError = h('p', { class: 'error', id: 'cover-seat-error', testid: 'error-seat_name', hidden: true });
  const seatForm = h('form', { class: 'inline-form', novalidate: true, testid: 'cover-seat-form' },
    h('div', { class: 'field' }, h('label', { for: 'cover-seat-name' }, 'Add a seat'), seatName),
    h('div', { class: 'field' }, h('label', { for: 'cover-seat-kind' }, 'Kind'), seatKind),
    h('button', { type: 'submit', class: 'primary', testid: 'cover-seat-add' }, 'Add seat'),
    seatError);
  seatForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    seatError.hidden = true;
    seatName.removeAttribute('aria-invalid');
    try {
      renderSeats(await api.coverSeat(seatName.value, seatKind.value));
      toast(`Added ${seatName.value.trim()} to the seats your area covers.`);
      seatName.value = '';
    } catch (failure) {
      seatError.textContent = failure.message;
      seatError.hidden = false;
      seatName.setAttribute('aria-invalid', 'true');
      seatName.focus();
    }
  });

  const root = h('section', { class: 'screen', testid: 'settings-view', 'aria-labelledby': 'settings-title' },
    h('header', { class: 'screen-head' },
      h('div', {}, h('h1', { id: 'settings-title' }, 'Settings'), h('p', { class: 'lede' }, 'This computer, your organisation and your area.'))),
    h('div', { class: 'settings-grid' },
      h('section', { class: 'settings-card', 'aria-labelledby': 'settings-org' },
        h('h2', { id: 'settings-org' }, 'Organisation'),
        h('dl', { class: 'facts plain' },
          row('Organisation', status.organisation?.name ?? '—', 'settings-organisation'),
          row('Recording as', status.member?.full_name ?? '—', 'settings-member')),
        h('p', { class: 'muted small' }, 'Your records are kept on this computer only. Use “rapport-cli export” to take a complete copy.')),
      h('section', { class: 'settings-card', 'aria-labelledby': 'settings-seats' },
        h('h2', { id: 'settings-seats' }, 'Seats your area covers'),
        h('p', { class: 'muted small' }, 'An area can straddle two constituencies. Each seat keeps who held it when, so the history survives an election.'),
        seatsList, seatForm),
      h('section', { class: 'settings-card wide', 'aria-labelledby': 'settings-deleted' },
        h('h2', { id: 'settings-deleted' }, 'Recently deleted'),
        h('p', { class: 'muted small' }, 'Nothing is erased when you delete it. Restore anything here; a meeting comes back with its asks, commitments and follow-ups.'),
        deletedList)));

  function renderSeats(seats) {
    if (seats.length === 0) {
      replace(seatsList, h('p', { class: 'muted', testid: 'covered-seats-empty' }, 'No seats yet. Add the constituency or ward your area is in.'));
      return;
    }
    replace(seatsList, h('ul', { class: 'plain-list' }, seats.map((seat) => h('li', { class: 'covered-seat' },
      h('span', { testid: 'covered-seat' },
        h('button', { type: 'button', class: 'row-link', onclick: () => navigate(`seat/${seat.id}`) }, seat.name),
        h('span', { class: 'muted' }, seat.holder ? ` — held by ${seat.holder.name}` : ' — no holder recorded')),
      h('button', {
        type: 'button', class: 'link small', 'aria-label': `Stop covering ${seat.name}`,
        onclick: async () => {
          if (!window.confirm(`Stop listing ${seat.name} as a seat your area covers? Its history is kept.`)) return;
          try { renderSeats(await api.uncoverSeat(seat.id)); } catch (failure) { toast(failure.message); }
        },
      }, 'Remove')))));
  }

  function renderDeleted(records) {
    if (records.length === 0) {
      replace(deletedList, h('p', { class: 'muted', testid: 'deleted-empty' }, 'Nothing has been deleted.'));
      return;
    }
    replace(deletedList, h('table', { class: 'records' },
      h('thead', {}, h('tr', {}, ['What', 'Name', 'Deleted', ''].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, records.map((record) => h('tr', { testid: 'deleted-row' },
        h('td', {}, TABLE_LABEL[record.table] ?? record.table),
        h('td', { testid: 'deleted-label' }, record.label),
        h('td', {}, `${dateTime(record.deleted_at)}${record.deleted_by ? ` by ${record.deleted_by}` : ''}`),
        h('td', {}, h('button', {
          type: 'button', testid: 'deleted-restore', 'aria-label': `Restore ${record.label}`,
          onclick: async () => {
            try {
              await api.restoreRecord(record.table, record.id);
              toast(`Restored ${record.label}.`);
            } catch (failure) {
              toast(failure.message);
            }
            show();
          },
        }, 'Restore')))))));
  }

  async function show() {
    try {
      const [seats, deleted] = await Promise.all([api.coveredSeats(), api.deletedRecords(200)]);
      renderSeats(seats);
      renderDeleted(deleted);
    } catch (error) {
      replace(deletedList, h('p', { class: 'problem', role: 'alert' }, error.message));
    }
  }

  return { el: root, show };
}
