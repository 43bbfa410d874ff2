// Representatives: MPs, councillors and officials, with their current seat. A name opens the
// representative's profile; "Edit" beside it (or `#representatives/edit/ID`) the editor.
// "Find my MP by postcode" (find-mp.js) adds an MP from public data, then reads the list again.
// A representative who held a seat and holds none now (an MP after losing an election, say)
// reads as "Former MP".

import { api } from '../api.js';
import { h } from '../dom.js';
import { labeller } from '../format.js';
import { toast } from '../toast.js';
import { recordScreen } from './record-screen.js';
import { openFindMp } from './find-mp.js';

const PARLIAMENT_CREDIT = 'Contains Parliamentary information licensed under the Open Parliament Licence v3.0.';

export function representativesScreen(catalogue, navigate) {
  const label = labeller(catalogue);
  const kindLabel = (code) => label('representative_kinds', code);
  /** The primary contact picker's matches: the core searches everyone on record. */
  const findPeople = async (text, { limit = 8 } = {}) => {
    const { items } = await api.peoplePage({ text, limit, offset: 0 });
    return items.map((p) => ({
      id: p.id,
      name: p.full_name,
      detail: [label('person_kinds', p.kind), p.role_title, p.organisation_name].filter(Boolean).join(' · '),
    }));
  };
  /** "MP", or "Former MP" / "Former councillor" for one who holds no seat now. */
  const office = (r) => {
    const kind = kindLabel(r.kind);
    if (!r.former) return kind;
    return `Former ${/^[A-Z]{2}/.test(kind) ? kind : kind.charAt(0).toLowerCase() + kind.slice(1)}`;
  };
  return recordScreen({
    id: 'representatives',
    noun: 'representative',
    csv: 'representatives',
    title: 'Representatives',
    lede: 'The MPs, councillors and officials your group works with.',
    addLabel: 'Add representative',
    filterPlaceholder: 'Filter by name, party or seat',
    emptyTitle: 'No representatives yet',
    emptyText: 'Start with your MP: their name, party and constituency are enough for now.',
    hint: 'A representative’s record keeps their seat over time, so after an election the history stays.',
    chooseHint: 'Choose a name to see their profile before a meeting, or “Edit” under it to change their details.',
    tools: ({ reload }) => {
      const button = h('button', {
        type: 'button', testid: 'representative-find-mp',
        onclick: () => openFindMp({
          opener: button,
          added: async ({ representative, added, details_missing: missing }) => {
            toast(!added ? `${representative.full_name} is already on record.`
              : missing ? `Added ${representative.full_name}, without their posts and contact details: ${missing} Use “Refresh from Parliament” on their profile later.`
                : `Added ${representative.full_name}, with their posts and contact details.`);
            await reload();
          },
        }),
      }, 'Find my MP by postcode');
      return button;
    },
    // The rows drawn: the line shows whenever one of them came from Parliament.
    credit: (records) => (records.some((r) => r.parliament_member_id) ? PARLIAMENT_CREDIT : null),
    open: (r) => navigate(`representative/${r.id}`),
    openLabel: 'See profile',
    columns: [
      { label: 'Name', value: (r) => r.full_name },
      { label: 'Office and party', value: (r) => [office(r), r.party].filter(Boolean).join(' · ') },
      { label: 'Seat', value: (r) => r.seat?.name },
      { label: 'Primary contact', value: (r) => r.primary_contact_name },
    ],
    rowClass: (r) => (r.former ? 'former' : null),
    name: (r) => r.full_name,
    // The core matches every word typed in the name, party, seat or office ("Former MP").
    page: api.representativesPage,
    get: api.getRepresentative,
    fields: () => [
      { name: 'full_name', label: 'Full name', required: true, placeholder: 'Jane Smith', autocomplete: 'name' },
      { name: 'kind', label: 'Office', type: 'select', options: catalogue.representative_kinds },
      { name: 'party', label: 'Party', placeholder: 'e.g. Labour, Conservative, Independent' },
      { name: 'seat_name', label: 'Seat (constituency or ward)', placeholder: 'e.g. Birmingham Edgbaston',
        hint: 'Changing the seat ends the old term today and keeps it on record.' },
      { name: 'form_of_address', label: 'How letters open', placeholder: 'Dear Ms Smith' },
      { name: 'primary_contact_id', label: 'Our primary contact', type: 'picker', placeholder: 'Type a name',
        search: findPeople,
        hint: 'The one of us who keeps this relationship, so the MP hears one consistent voice.' },
      { name: 'preferred_contact', label: 'Preferred way to be contacted', placeholder: 'e.g. email the constituency office' },
      { name: 'surgery_pattern', label: 'Surgeries', placeholder: 'e.g. first and third Friday, Northfield library' },
      { name: 'contact_cadence_days', label: 'Check in every (days)', type: 'number', min: 1, max: 3650,
        hint: 'Leave blank for the usual three months.' },
      { name: 'interests', label: 'Stated interests', type: 'textarea', wide: true, placeholder: 'Housing, buses, youth services' },
      { name: 'notes', label: 'Notes', type: 'textarea', wide: true, rows: 4 },
    ],
    blank: () => ({ kind: 'mp' }),
    valuesOf: (r) => ({
      ...r,
      seat_name: r.seat?.name ?? '',
      // A contact since deleted has no name on record: no one is chosen.
      primary_contact_id: r.primary_contact_id && r.primary_contact_name
        ? { id: r.primary_contact_id, name: r.primary_contact_name } : null,
    }),
    toInput: (values) => values,
    save: api.saveRepresentative,
    remove: api.deleteRepresentative,
    restore: api.restoreRepresentative,
  });
}
