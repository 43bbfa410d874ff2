// People: our members, volunteers and staff, and other contacts (a caseworker, a GP, a headteacher).

import { api } from '../api.js';
import { labeller } from '../format.js';
import { recordScreen } from './record-screen.js';

export function peopleScreen(catalogue) {
  const label = labeller(catalogue);
  const kindLabel = (code) => label('person_kinds', code);
  return recordScreen({
    id: 'people',
    noun: 'person',
    plural: 'people',
    csv: 'people',
    title: 'People',
    lede: 'Our own members, volunteers and staff, and the other contacts we work with.',
    addLabel: 'Add person',
    filterPlaceholder: 'Filter by name, role or organisation',
    emptyTitle: 'No people yet',
    emptyText: 'Add the members who meet or write to your representatives.',
    hint: 'Record the lawful basis for holding each person’s details, especially for case work.',
    columns: [
      { label: 'Name', value: (p) => p.full_name },
      { label: 'Kind', value: (p) => kindLabel(p.kind) },
      { label: 'Role', value: (p) => p.role_title },
      { label: 'Organisation', value: (p) => p.organisation_name },
      { label: 'Email', value: (p) => p.email },
    ],
    name: (p) => p.full_name,
    // The core matches every word typed in the name, role, organisation, email or kind.
    page: api.peoplePage,
    get: api.getPerson,
    fields: () => [
      { name: 'full_name', label: 'Full name', required: true, autocomplete: 'name' },
      { name: 'kind', label: 'Kind', type: 'select', options: catalogue.person_kinds },
      { name: 'role_title', label: 'Role', placeholder: 'e.g. Chair, Caseworker, Headteacher' },
      { name: 'organisation_name', label: 'Organisation', placeholder: 'For contacts: where they work' },
      { name: 'email', label: 'Email', type: 'email', autocomplete: 'email' },
      { name: 'phone', label: 'Phone', type: 'tel', autocomplete: 'tel' },
      { name: 'postcode', label: 'Postcode', placeholder: 'e.g. B31 2LP', autocomplete: 'postal-code' },
      { name: 'lawful_basis', label: 'Lawful basis for holding their details', type: 'select', blank: 'Not recorded',
        options: catalogue.lawful_bases },
      { name: 'address', label: 'Address', type: 'textarea', wide: true, rows: 2 },
      { name: 'consent_notes', label: 'Consent notes', type: 'textarea', wide: true, rows: 2,
        hint: 'What they agreed to, when, and for whom: e.g. a consent letter for someone to speak for them.' },
      { name: 'notes', label: 'Notes', type: 'textarea', wide: true, rows: 3 },
    ],
    blank: () => ({ kind: 'member' }),
    valuesOf: (p) => p,
    toInput: (values) => values,
    save: api.savePerson,
    remove: api.deletePerson,
    restore: api.restorePerson,
  });
}
