// "Log a meeting": the form a volunteer fills in straight after a surgery, keyboard first.
// One page: when and what, who was there, what was said, then the asks made, the commitments
// given and our follow-ups, each a list of rows. Row inputs are named with the core's own field
// paths (`asks.0.title`, `commitments.1.due_date`) and renumbered when a row goes, so a refusal
// from the core lands beside the field it is about. A failed save keeps everything typed.
// "Plan a meeting" (`#log/plan`, `#log/plan:REP_ID`) is the same form for a meeting to come,
// with a Planning section: its purpose, our key messages, the documents to bring and whom one
// of us speaks for.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { field, clearErrors, showError } from '../form.js';
import { labeller, londonDateField, londonTimeField, longDate, shortDay } from '../format.js';
import { toast } from '../toast.js';
import { picker } from '../picker.js';

const FORM_ID = 'log-form';
const PREFILL_TITLE = { reply: 'Log the reply', 'thank-you': 'Log the thank-you', contact: 'Log a contact', plan: 'Plan a meeting' };
const PLANNING_FIELDS = ['purpose', 'key_messages', 'documents_to_bring'];
const DAY_MS = 24 * 60 * 60 * 1000;
/** The earlier open asks offered per representative (the newest first). */
const EARLIER_ASKS = 100;
/** The owner select's last option: find someone else in our group. */
const FIND_OWNER = '__find';

/** "Jane Smith", "Jane Smith and Tom Reid", "A, B and C". */
export function namesInWords(names) {
  const list = names.filter(Boolean);
  if (list.length <= 1) return list[0] ?? '';
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

export function logScreen(catalogue, navigate, status) {
  const label = labeller(catalogue);
  const root = h('section', { class: 'screen log-screen', testid: 'log-view', 'aria-labelledby': 'log-title' });
  const memberId = status.member?.id ?? null;
  /** The kinds of person in our group (everyone but someone else's contact), and theirs. */
  const ourKinds = catalogue.person_kinds.map((k) => k.code).filter((code) => code !== 'contact');
  const theirKinds = ['contact'];

  let form = null;
  let dirty = false;
  let currentParam = null;
  let editing = null;       // the interaction being edited, or null for a new one
  let prefill = null;       // a new one started from a reminder or a plan: { title, lede, in_reply_to_id, back? }
  let loading = 0;
  let me = null;            // the member using this computer, as on record now
  let anyRepresentatives = true;
  let campaigns = [];
  let asksOf = new Map();   // representative id → their open asks ({ items, total }), read when wanted
  let askById = new Map();
  let others = new Map();   // person id → name: people of our group offered as owners besides those present
  let pickers = {};
  let finders = 0;          // owner finders made, to name each apart
  const sections = {};      // asks, commitments, follow_ups: { list, noun }
  const rowData = new WeakMap();

  function head(title, lede) {
    return h('header', { class: 'screen-head' },
      h('div', {},
        h('h1', { id: 'log-title', testid: 'log-title' }, title),
        h('p', { class: 'lede' }, lede)));
  }

  async function show(param) {
    const wanted = param || 'new';
    if (form && dirty) {
      if (wanted === currentParam) { firstField()?.focus(); return; }
      if (!window.confirm('Discard the meeting you have typed?')) {
        history.replaceState(null, '', `#log/${currentParam}`);
        return;
      }
    }
    dirty = false;
    form = null;
    currentParam = wanted;
    const ticket = ++loading;
    // `reply:ID` (a letter or email we sent), `thank-you:ID` (a meeting) and `contact:REP_ID`
    // start a new record from a reminder on Today; `plan` and `plan:REP_ID` a meeting to come;
    // anything else but `new` is an id to edit.
    const start = /^(reply|thank-you|contact):(.+)$/.exec(wanted) ?? /^(plan)(?::(.+))?$/.exec(wanted);
    const title = start ? PREFILL_TITLE[start[1]] : wanted === 'new' ? 'Log a meeting' : 'Edit a meeting';
    replace(root, head(title, ''), h('p', { class: 'muted' }, 'Loading…'));
    let record = null;
    let rep = null;
    const repOnly = start?.[1] === 'contact' || start?.[1] === 'plan';
    try {
      let someRepresentatives;
      [me, someRepresentatives, campaigns, rep, record] = await Promise.all([
        memberId ? api.getPerson(memberId).catch(() => null) : null,
        api.representativesPage({ text: '', limit: 1, offset: 0 }),
        api.listCampaigns(),
        // The representative a contact or plan is with; one deleted since is simply not chosen.
        repOnly && start[2] ? api.getRepresentative(start[2]).catch(() => null) : null,
        wanted === 'new' || repOnly ? null : api.getInteraction(start ? start[2] : wanted),
      ]);
      anyRepresentatives = someRepresentatives.total > 0;
    } catch (error) {
      if (ticket !== loading) return;
      replace(root, head(title, ''), h('p', { class: 'problem', role: 'alert' }, error.message));
      return;
    }
    if (ticket !== loading) return;
    asksOf = new Map();
    askById = new Map();
    if (start) {
      editing = null;
      const begun = prefilled(start[1], rep, record);
      prefill = begun.prefill;
      build(begun.values);
    } else {
      editing = record;
      prefill = null;
      build(record ? valuesOf(record) : blankValues());
    }
    firstField()?.focus();
  }

  /** A new record begun from a reminder: the reply to `record` (a letter or email we sent), the
   *  thank-you for `record` (a meeting), or a contact with (or a plan to meet) `rep`. */
  function prefilled(route, rep, record) {
    const values = blankValues();
    const reps = record ? record.representatives.map((r) => ({ id: r.id, name: r.name })) : [];
    const kindLabel = record ? label('interaction_kinds', record.kind) : '';
    const names = namesInWords(reps.map((r) => r.name));
    if (route === 'reply') {
      const noun = record.kind === 'email' ? 'email' : record.kind === 'letter' ? 'letter' : kindLabel.toLowerCase();
      const on = longDate(record.occurred_at);
      return {
        values: { ...values, kind: record.kind, direction: 'they_contacted', status: 'held', representatives: reps,
          subject: `Reply to our ${noun} of ${on}` },
        prefill: { title: PREFILL_TITLE.reply, in_reply_to_id: record.id,
          lede: `The reply${names ? ` from ${names}` : ''} to our ${noun} of ${on}${record.subject ? ` (“${record.subject}”)` : ''}. Saving it stops the reminder to chase.` },
      };
    }
    if (route === 'thank-you') {
      const on = longDate(record.occurred_at);
      const staff = record.participants
        .filter((p) => p.side === 'theirs' && p.party.kind === 'person')
        .map((p) => ({ id: p.party.id, name: p.party.name, role: p.role ?? '' }));
      return {
        values: { ...values, kind: 'email', direction: 'we_contacted', status: 'held', representatives: reps,
          their_attendees: staff, subject: `Thank-you for the ${kindLabel.toLowerCase()} on ${on}`, summary: null },
        prefill: { title: PREFILL_TITLE['thank-you'], in_reply_to_id: record.id,
          lede: `Thank ${names || 'them'} for the ${kindLabel.toLowerCase()} on ${on}, and list what each side agreed to do.` },
      };
    }
    if (route === 'plan') {
      const tomorrow = londonDateField(new Date(Date.parse(status.now) + DAY_MS).toISOString());
      return {
        values: { ...values, direction: 'we_contacted', status: 'planned', date: tomorrow, time: '',
          representatives: rep ? [{ id: rep.id, name: rep.full_name }] : [] },
        prefill: { title: PREFILL_TITLE.plan, in_reply_to_id: null, plan: true, back: rep ? `representative/${rep.id}` : 'today',
          lede: `A meeting to come${rep ? ` with ${rep.full_name}` : ''}: when and where, who of us will go, what it is for, what we will ask and what to take. The briefing pack is made from it.` },
      };
    }
    return {
      values: { ...values, direction: 'we_contacted', representatives: rep ? [{ id: rep.id, name: rep.full_name }] : [] },
      prefill: { title: PREFILL_TITLE.contact, in_reply_to_id: null,
        lede: rep ? `Keep in touch with ${rep.full_name}: a call, an email, a visit or a meeting.` : 'A call, an email, a visit or a meeting.' },
    };
  }

  function firstField() {
    return form?.querySelector('select, input');
  }

  // ----- reading the core as the person types -----

  /** Whether a person is one of our group (not someone else's contact). */
  function ourSide(person) {
    return ourKinds.includes(person.kind);
  }

  /** At most `limit` people matching `typed`, by name, of one of `kinds` (person kind codes;
   *  empty: every kind): the core filters, so no one is beyond reach however many match. */
  async function findPeople(typed, limit, kinds = []) {
    return (await api.peoplePage({ text: typed, limit, offset: 0, kinds })).items;
  }

  /** Reads the open asks of a representative, once per form, then offers them again. */
  function readAsksOf(id) {
    const mine = form;
    const [read, byId] = [asksOf, askById];
    read.set(id, { items: [], total: 0 });
    api.asksPage({ open_only: true, representative_id: id, limit: EARLIER_ASKS, offset: 0 })
      .then((page) => {
        read.set(id, page);
        for (const ask of page.items) byId.set(ask.id, ask);
      })
      .catch(() => {}) // none offered: a new ask can still be written
      .finally(() => { if (form === mine) refreshChoices(); });
  }

  // ----- values in and out -----

  function blankValues() {
    return {
      kind: 'surgery_meeting', direction: 'we_contacted', status: 'held',
      date: londonDateField(status.now), time: londonTimeField(status.now),
      campaign: [], representatives: [], their_attendees: [],
      our_attendees: me ? [{ id: me.id, name: me.full_name }] : (status.member ? [{ id: status.member.id, name: status.member.full_name }] : []),
      asks: [], commitments: [], follow_ups: [],
    };
  }

  function valuesOf(record) {
    const participants = (side) => record.participants
      .filter((p) => p.side === side && p.party.kind === 'person')
      .map((p) => ({ id: p.party.id, name: p.party.name, role: p.role ?? '' }));
    return {
      kind: record.kind, direction: record.direction, status: record.status,
      date: londonDateField(record.occurred_at), time: londonTimeField(record.occurred_at),
      place: record.place, subject: record.subject, summary: record.summary,
      private_impressions: record.private_impressions,
      purpose: record.purpose, key_messages: record.key_messages, documents_to_bring: record.documents_to_bring,
      on_behalf_of: record.on_behalf_of ? [{ id: record.on_behalf_of.id, name: record.on_behalf_of.name }] : [],
      campaign: record.campaign ? [{ id: record.campaign.id, name: record.campaign.name }] : [],
      representatives: record.representatives.map((r) => ({ id: r.id, name: r.name })),
      their_attendees: participants('theirs'),
      our_attendees: participants('ours'),
      asks: record.asks.map((a) => ({
        id: a.id, earlier: a.interaction_id !== record.id, title: a.title,
        representative_id: a.representative?.id, representative: a.representative?.name,
        status: a.status, stated_position: a.stated_position,
      })),
      commitments: record.commitments.map((c) => ({
        id: c.id, who: c.who ? `${c.who.kind}:${c.who.id}` : '', whoName: c.who?.name,
        description: c.description, due_date: shortDay(c.due_date), status: c.status,
      })),
      follow_ups: record.follow_ups.map((f) => ({
        id: f.id, kind: f.kind, description: f.description,
        owner: f.owner ? `person:${f.owner.id}` : '', ownerName: f.owner?.name,
        due_date: shortDay(f.due_date), status: f.status,
      })),
    };
  }

  function text(name) {
    const control = form.elements.namedItem(name);
    if (!control || control.closest('[hidden]')) return null;
    return control.value.trim() === '' ? null : control.value;
  }

  function attendees(items) {
    return items.map((item) => {
      const role = item.role?.trim() ? item.role.trim() : null;
      return item.isNew ? { new_name: item.name, role } : { person_id: item.id, role };
    });
  }

  function rowsOf(key) {
    return [...sections[key].list.children];
  }

  function collect() {
    const campaign = pickers.campaign.items[0] ?? null;
    const onBehalfOf = planningShown() ? pickers.on_behalf_of.items[0] ?? null : null;
    return {
      id: editing?.id ?? null,
      in_reply_to_id: prefill?.in_reply_to_id ?? editing?.in_reply_to_id ?? null,
      kind: text('kind'), direction: text('direction'), status: text('status'),
      date: text('date'), time: text('time'),
      duration_minutes: editing?.duration_minutes ?? null,
      place: text('place'), subject: text('subject'), summary: text('summary'),
      private_impressions: text('private_impressions'),
      purpose: text('purpose'), key_messages: text('key_messages'), documents_to_bring: text('documents_to_bring'),
      on_behalf_of_id: onBehalfOf?.id ?? null,
      campaign_id: campaign && !campaign.isNew ? campaign.id : null,
      new_campaign: campaign?.isNew ? campaign.name : null,
      representatives: pickers.representatives.items.map((r) => r.id),
      their_attendees: attendees(pickers.their_attendees.items),
      our_attendees: attendees(pickers.our_attendees.items),
      asks: rowsOf('asks').map((row, i) => {
        const data = rowData.get(row);
        const earlierId = data.earlier ? data.id : text(`asks.${i}.id`);
        if (earlierId) {
          return { id: earlierId, status: text(`asks.${i}.status`), stated_position: text(`asks.${i}.stated_position`) };
        }
        return {
          id: data.id ?? null,
          representative_id: text(`asks.${i}.representative_id`),
          title: text(`asks.${i}.title`),
          status: text(`asks.${i}.status`),
          stated_position: text(`asks.${i}.stated_position`),
        };
      }),
      commitments: rowsOf('commitments').map((row, i) => {
        const data = rowData.get(row);
        return {
          id: data.id ?? null,
          who: text(`commitments.${i}.who`),
          description: text(`commitments.${i}.description`),
          due_date: text(`commitments.${i}.due_date`),
          status: data.status ?? 'open',
        };
      }),
      follow_ups: rowsOf('follow_ups').map((row, i) => {
        const data = rowData.get(row);
        const description = text(`follow_ups.${i}.description`);
        // A new row left without a description is blank, whatever its defaults: the core skips it.
        if (!data.id && !description) return { id: null, description: null, due_date: null };
        return {
          id: data.id ?? null,
          kind: text(`follow_ups.${i}.kind`),
          description,
          owner: text(`follow_ups.${i}.owner`),
          due_date: text(`follow_ups.${i}.due_date`),
          status: data.status ?? 'open',
        };
      }),
    };
  }

  // ----- the form -----

  function build(values) {
    const isNew = !editing;
    // Owners offered besides those at the meeting: the member using this computer, and whoever
    // the record's follow-ups name; anyone else is found by name.
    others = new Map();
    if (me && ourSide(me)) others.set(me.id, me.full_name);
    for (const f of values.follow_ups) {
      const id = /^person:(.+)$/.exec(f.owner ?? '')?.[1];
      if (id && f.ownerName) others.set(id, f.ownerName);
    }
    const repNames = namesInWords((editing?.representatives ?? []).map((r) => r.name));
    pickers = {
      campaign: picker({
        formId: FORM_ID, name: 'campaign', label: 'Campaign', multiple: false, wide: false,
        placeholder: 'Type to find a campaign, or name a new one',
        options: () => campaigns.map((c) => ({ id: c.id, name: c.name })),
        newLabel: (typed) => `Add “${typed}” as a new campaign`,
        onChange: touched,
      }),
      representatives: picker({
        formId: FORM_ID, name: 'representatives', label: 'Representatives', required: true,
        placeholder: 'Type a name, then choose with ↓ and Enter',
        hint: anyRepresentatives ? null : 'No representatives are on record yet: add your MP under Representatives first.',
        search: async (typed, { limit }) => (await api.representativesPage({ text: typed, limit, offset: 0 })).items
          .map((r) => ({ id: r.id, name: r.full_name, detail: [label('representative_kinds', r.kind), r.seat?.name].filter(Boolean).join(' · ') })),
        newLabel: null,
        onChange: () => { touched(); refreshChoices(); },
      }),
      their_attendees: picker({
        formId: FORM_ID, name: 'their_attendees', label: 'Their office staff', role: true,
        placeholder: 'Caseworkers, researchers…',
        hint: 'Someone not yet on record is added to People when you save.',
        search: async (typed, { limit }) => (await findPeople(typed, limit, theirKinds))
          .map((p) => ({ id: p.id, name: p.full_name, detail: [p.role_title, p.organisation_name].filter(Boolean).join(', ') })),
        newLabel: (typed) => `Add “${typed}” as a new person`,
        onChange: () => { touched(); refreshChoices(); },
      }),
      our_attendees: picker({
        formId: FORM_ID, name: 'our_attendees', label: 'From our group', role: true,
        placeholder: 'Members, volunteers, staff…',
        hint: 'Give each a role if it helps: speaker, note-taker, the resident with the case.',
        search: async (typed, { limit }) => (await findPeople(typed, limit, ourKinds))
          .map((p) => ({ id: p.id, name: p.full_name, detail: label('person_kinds', p.kind) })),
        newLabel: (typed) => `Add “${typed}” as a new person`,
        onChange: () => { touched(); refreshChoices(); },
      }),
      on_behalf_of: picker({
        formId: FORM_ID, name: 'on_behalf_of', label: 'Speaking for', multiple: false, wide: false,
        placeholder: 'Type a name, then ↓ and Enter',
        hint: 'Someone one of us speaks for, such as a constituent with a case: a consent letter goes on the checklist.',
        search: async (typed, { limit }) => (await findPeople(typed, limit))
          .map((p) => ({ id: p.id, name: p.full_name, detail: [label('person_kinds', p.kind), p.role_title].filter(Boolean).join(', ') })),
        newLabel: null,
        onChange: touched,
      }),
    };
    for (const key of ['campaign', 'representatives', 'their_attendees', 'our_attendees', 'on_behalf_of']) pickers[key].set(values[key] ?? []);

    const spec = (name, labelText, more = {}) => ({ name, label: labelText, ...more });
    const asksSection = repeatable('asks', {
      title: 'Asks made', noun: 'ask', addLabel: 'Add an ask', testid: 'ask-add',
      lede: 'What we asked them to do, and how they took it.',
      emptyText: 'No asks recorded for this meeting.', build: askRow,
    });
    const commitmentsSection = repeatable('commitments', {
      title: 'Commitments given', noun: 'commitment', addLabel: 'Add a commitment', testid: 'commitment-add',
      lede: 'Promises made by anyone present, on either side.',
      emptyText: 'No commitments recorded.', build: commitmentRow,
    });
    const followUpsSection = repeatable('follow_ups', {
      title: 'Follow-ups for us', noun: 'follow-up', addLabel: 'Add a follow-up', testid: 'follow-up-add',
      lede: 'What we must do next, who will do it and by when.',
      emptyText: 'No follow-ups yet.', build: followUpRow,
    });

    form = h('form', { class: 'log-form', id: FORM_ID, testid: 'log-form', novalidate: true, 'aria-labelledby': 'log-title' },
      h('p', { class: 'form-message', role: 'alert', tabindex: '-1', testid: 'form-message', hidden: true }),
      section('log-when', 'When and what', null,
        h('div', { class: 'fields when-fields' },
          field(FORM_ID, spec('kind', 'Kind', { type: 'select', options: catalogue.interaction_kinds }), values.kind),
          field(FORM_ID, spec('direction', 'Who got in touch', { type: 'select', options: catalogue.directions }), values.direction),
          field(FORM_ID, spec('status', 'Status', { type: 'select', options: catalogue.interaction_statuses }), values.status),
          field(FORM_ID, spec('date', 'Date', { required: true, placeholder: 'dd/mm/yyyy', hint: 'Like 24/11/2026' }), values.date),
          field(FORM_ID, spec('time', 'Time', { required: true, placeholder: 'hh:mm', hint: 'Like 14:30' }), values.time),
          field(FORM_ID, spec('place', 'Place', { placeholder: 'e.g. Northfield library' }), values.place),
          field(FORM_ID, spec('subject', 'Topics', { wide: true, placeholder: 'e.g. Bus route 42; damp in the Grove flats' }), values.subject),
          pickers.campaign.el)),
      section('log-who', 'Who was there', null,
        h('div', { class: 'fields who-fields' },
          pickers.representatives.el, pickers.their_attendees.el, pickers.our_attendees.el)),
      planningSection(values),
      section('log-said', 'What was said', null,
        h('div', { class: 'fields said-fields' },
          field(FORM_ID, spec('summary', 'Summary', {
            type: 'textarea', wide: true, rows: 5,
            hint: 'The facts: what was discussed and what they said. This goes into briefing packs.',
          }), values.summary),
          h('div', { class: 'private-field wide' },
            field(FORM_ID, spec('private_impressions', 'Private impressions', {
              type: 'textarea', wide: true, rows: 3,
              hint: 'Private — kept apart, left out of briefing packs by default.',
            }), values.private_impressions)))),
      asksSection, commitmentsSection, followUpsSection,
      h('div', { class: 'log-actions' },
        h('button', { type: 'submit', class: 'primary', testid: 'log-save' }, prefill && !prefill.plan ? 'Save' : 'Save meeting', h('kbd', { 'aria-hidden': 'true' }, 'Ctrl+Enter')),
        h('button', { type: 'button', testid: 'log-cancel', onclick: cancel }, 'Cancel'),
        h('p', { class: 'muted small log-keys' }, 'Esc cancels. In a name box: type, then ↓ and Enter to choose.')));

    for (const data of values.asks) addRow('asks', data);
    for (const data of values.commitments) addRow('commitments', data);
    for (const data of values.follow_ups) addRow('follow_ups', data);
    refreshChoices();

    form.addEventListener('input', touched);
    form.addEventListener('change', touched);
    form.elements.namedItem('status').addEventListener('change', showPlanning);
    showPlanning();
    form.addEventListener('submit', (event) => { event.preventDefault(); save(); });
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.ctrlKey) {
        event.preventDefault();
        form.requestSubmit();
      } else if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        cancel();
      } else if (event.key === 'Enter' && !event.ctrlKey && event.target.tagName === 'INPUT') {
        // Enter in a one-line box never saves half a meeting; Ctrl+Enter does.
        event.preventDefault();
      }
    });

    replace(root,
      prefill ? head(prefill.title, prefill.lede)
        : head(isNew ? 'Log a meeting' : `Edit the meeting with ${repNames}`,
          isNew ? 'Write it down while it is fresh: who was there, what was asked and what was promised.'
            : 'Change what was recorded. Removing a row here deletes it; its history is kept.'),
      form);
  }

  /** Purpose, key messages, documents to bring and whom we speak for: shown for a planned
   *  meeting, and for any other that has them filled in. */
  function planningSection(values) {
    const spec = (name, labelText, more = {}) => ({ name, label: labelText, type: 'textarea', ...more });
    return h('section', { class: 'log-section planning-section', id: 'log-plan', testid: 'log-planning', 'aria-labelledby': 'log-plan-title' },
      h('h2', { id: 'log-plan-title' }, 'Planning'),
      h('p', { class: 'section-lede muted' }, 'What the meeting is for and what we want them to hear. All of it goes into the briefing pack.'),
      h('div', { class: 'fields plan-fields' },
        field(FORM_ID, spec('purpose', 'Purpose', { wide: true, rows: 2, placeholder: 'e.g. Ask Jane to back the campaign to restore the evening 42' }), values.purpose),
        field(FORM_ID, spec('key_messages', 'Key messages', { rows: 4, hint: 'One a line', placeholder: 'e.g. 300 residents rely on the evening 42' }), values.key_messages),
        field(FORM_ID, spec('documents_to_bring', 'Documents to bring', { rows: 4, hint: 'One a line', placeholder: 'e.g. The petition, signed' }), values.documents_to_bring),
        pickers.on_behalf_of.el));
  }

  function planningShown() {
    return !form.querySelector('#log-plan').hidden;
  }

  /** Shows the Planning section when the meeting is planned or something is written in it;
   *  the headings then speak of the meeting to come. */
  function showPlanning() {
    if (!form) return;
    const planned = form.elements.namedItem('status').value === 'planned';
    const written = PLANNING_FIELDS.some((name) => form.elements.namedItem(name).value.trim() !== '')
      || pickers.on_behalf_of.items.length > 0;
    form.querySelector('#log-plan').hidden = !(planned || written);
    form.querySelector('#log-who-title').textContent = planned ? 'Who will be there' : 'Who was there';
    form.querySelector('#log-asks-title').textContent = planned ? 'Asks to make' : 'Asks made';
    form.querySelector('#log-asks-lede').textContent = planned
      ? 'What we will ask them to do. Their answer is recorded after the meeting.'
      : 'What we asked them to do, and how they took it.';
    for (const labelEl of form.querySelectorAll('.rows-asks .cell-status label')) {
      labelEl.textContent = planned ? 'Status' : 'How it was received';
    }
  }

  function section(id, title, lede, ...children) {
    return h('section', { class: 'log-section', 'aria-labelledby': `${id}-title` },
      h('h2', { id: `${id}-title` }, title),
      lede ? h('p', { class: 'section-lede muted' }, lede) : null,
      children);
  }

  function repeatable(key, config) {
    const list = h('ol', { class: `rows rows-${key}`, testid: `rows-${key}` });
    const empty = h('p', { class: 'rows-empty muted' }, config.emptyText);
    sections[key] = { ...config, list, empty };
    return h('section', { class: 'log-section', 'aria-labelledby': `log-${key}-title` },
      h('div', { class: 'section-head' },
        h('div', {},
          h('h2', { id: `log-${key}-title` }, config.title),
          h('p', { class: 'section-lede muted', id: `log-${key}-lede` }, config.lede))),
      empty, list,
      h('button', {
        type: 'button', class: 'add-row', testid: config.testid,
        onclick: () => {
          const row = addRow(key, {});
          refreshChoices();
          touched();
          (row.querySelector('.cell-title:not([hidden]) input')
            ?? row.querySelector('.field:not([hidden]) input, .field:not([hidden]) select, .field:not([hidden]) textarea'))?.focus();
        },
      }, h('span', { class: 'plus', 'aria-hidden': 'true' }, '+'), config.addLabel));
  }

  function addRow(key, data) {
    const { list, noun, build } = sections[key];
    const row = h('li', { class: `row row-${key}`, testid: `row-${key}` });
    rowData.set(row, data);
    const remove = h('button', {
      type: 'button', class: 'row-remove', testid: 'row-remove', title: `Remove this ${noun}`,
      onclick: () => removeRow(key, row),
    });
    row.append(h('div', { class: 'row-fields' }, build(data)), remove);
    list.append(row);
    renumber(key);
    return row;
  }

  function removeRow(key, row) {
    const rows = rowsOf(key);
    const index = rows.indexOf(row);
    row.remove();
    renumber(key);
    touched();
    const next = rowsOf(key)[index] ?? rowsOf(key)[index - 1];
    (next?.querySelector('.row-remove') ?? form.querySelector(`[data-testid=${sections[key].testid}]`)).focus();
  }

  /** Names every row's fields after its place in the list: `asks.0.title`, `asks.1.title`… */
  function renumber(key) {
    const { list, empty, noun } = sections[key];
    const rows = [...list.children];
    empty.hidden = rows.length > 0;
    rows.forEach((row, index) => {
      for (const wrapper of row.querySelectorAll('[data-key]')) {
        const name = `${key}.${index}.${wrapper.dataset.key}`;
        const id = `${FORM_ID}-${name}`;
        const control = wrapper.querySelector('input, select, textarea');
        const hint = wrapper.querySelector('.hint');
        const error = wrapper.querySelector('.error');
        wrapper.querySelector('label').htmlFor = id;
        control.id = id;
        control.name = name;
        control.dataset.testid = `field-${name}`;
        if (hint) hint.id = `${id}-hint`;
        error.id = `${id}-error`;
        error.dataset.testid = `error-${name}`;
        control.setAttribute('aria-describedby', [hint?.id, error.id].filter(Boolean).join(' '));
      }
      row.querySelector('.row-remove').setAttribute('aria-label', `Remove ${noun} ${index + 1}`);
    });
  }

  /** A field of a row, named for now as row 0; `renumber` gives it its real name. */
  function rowField(key, spec, value) {
    const wrapper = field(FORM_ID, { ...spec, name: `row.0.${key}` }, value);
    wrapper.dataset.key = key;
    wrapper.classList.add(`cell-${key}`);
    return wrapper;
  }

  function askRow(data) {
    const planned = form?.elements.namedItem('status')?.value === 'planned';
    const statusField = rowField('status', { label: planned ? 'Status' : 'How it was received', type: 'select', options: catalogue.ask_statuses },
      data.status ?? (planned ? 'planned' : 'made'));
    const position = rowField('stated_position', { label: 'Their stated position', placeholder: 'e.g. Will write to the minister' }, data.stated_position);
    if (data.earlier) {
      return [
        h('div', { class: 'earlier-ask cell-title' },
          h('span', { class: 'earlier-label' }, 'Earlier ask'),
          h('strong', {}, data.title),
          data.representative ? h('span', { class: 'muted' }, ` — put to ${data.representative}`) : null),
        statusField, position];
    }
    const title = rowField('title', { label: 'What we asked for', placeholder: 'e.g. Write to the council about the 42 bus' }, data.title);
    const rep = rowField('representative_id', { label: 'Asked of', type: 'select', options: [] }, null);
    rep.classList.add('choice-representative');
    const parts = [title, statusField, position, rep];
    if (!data.id) {
      const earlier = rowField('id', { label: 'Or an earlier ask', type: 'select', blank: 'No: a new ask', options: [] }, '');
      earlier.classList.add('choice-earlier');
      const select = earlier.querySelector('select');
      const toggle = (fromUser) => {
        const chosen = askById.get(select.value);
        title.hidden = Boolean(chosen);
        rep.hidden = Boolean(chosen) || pickers.representatives.items.length < 2;
        if (chosen && fromUser) statusField.querySelector('select').value = chosen.status;
      };
      select.addEventListener('change', () => toggle(true));
      rowData.set(earlier, { value: '', toggle });
      parts.unshift(earlier);
    }
    return parts;
  }

  function commitmentRow(data) {
    const who = rowField('who', { label: 'Who promised', type: 'select', options: [] }, null);
    who.classList.add('choice-who');
    rowData.set(who, { value: data.who ?? '', name: data.whoName });
    return [
      who,
      rowField('description', { label: 'What they promised', placeholder: 'e.g. Raise route 42 with Transport for West Midlands' }, data.description),
      rowField('due_date', { label: 'By when', placeholder: 'dd/mm/yyyy' }, data.due_date),
    ];
  }

  function followUpRow(data) {
    const owner = rowField('owner', { label: 'Who will do it', type: 'select', options: [] }, null);
    owner.classList.add('choice-owner');
    rowData.set(owner, { value: data.owner || (memberId ? `person:${memberId}` : ''), name: data.ownerName });
    const weekOn = londonDateField(new Date(Date.parse(status.now) + 7 * DAY_MS).toISOString());
    return [
      rowField('kind', { label: 'Kind', type: 'select', options: catalogue.follow_up_kinds }, data.kind ?? 'send_thank_you'),
      rowField('description', { label: 'What we must do', placeholder: 'e.g. Thank her and send the residents’ survey' }, data.description),
      owner,
      rowField('due_date', { label: 'Due by', placeholder: 'dd/mm/yyyy' }, data.due_date ?? (data.id ? '' : weekOn)),
      ownerFinder(owner),
    ];
  }

  /** "Someone else in our group…" at the foot of an owner select opens a box below the row that
   *  finds them by name; the one chosen joins every owner select and is chosen in this one. */
  function ownerFinder(owner) {
    const select = owner.querySelector('select');
    let before = null;        // the choice to go back to when the search is left
    const find = picker({
      formId: FORM_ID, name: `owner_find_${++finders}`, label: 'Someone else in our group', multiple: false, wide: false,
      placeholder: 'Type a name, then ↓ and Enter',
      search: async (typed, { limit }) => (await findPeople(typed, limit, ourKinds))
        .map((p) => ({ id: p.id, name: p.full_name, detail: label('person_kinds', p.kind) })),
      newLabel: null,
      onChange: (chosen) => {
        const person = chosen[0];
        if (!person) return;
        others.set(person.id, person.name);
        refreshChoices();
        select.value = `person:${person.id}`;
        before = select.value;
        touched();
        leave();
      },
    });
    const cell = h('div', { class: 'cell-owner-find', testid: 'owner-find', hidden: true }, find.el);
    function leave() {
      find.clear();
      cell.hidden = true;
      select.focus();
    }
    select.addEventListener('focus', () => { before = select.value; });
    select.addEventListener('change', () => {
      if (select.value !== FIND_OWNER) { before = select.value; return; }
      select.value = before ?? rowData.get(owner).value;
      cell.hidden = false;
      find.focus();
    });
    // Escape (once the picker has no list to close) or leaving the box puts it away.
    cell.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      event.stopPropagation();
      leave();
    });
    cell.addEventListener('focusout', (event) => {
      if (cell.hidden || cell.contains(event.relatedTarget)) return;
      find.clear();
      cell.hidden = true;
    });
    return cell;
  }

  // ----- choices that follow "Who was there" -----

  const partyOption = (item) => (item.isNew
    ? { value: `new:${item.name}`, label: item.name }
    : { value: `person:${item.id}`, label: item.name });

  /** Fills a select with groups of options, keeping what was chosen even if it is no longer offered. */
  function fill(select, blank, groups, fallback) {
    const previous = select.options.length ? select.value : fallback.value;
    const previousLabel = select.selectedOptions?.[0]?.textContent || fallback.name;
    const all = groups.flatMap(([, options]) => options);
    const extra = previous && !all.some((o) => o.value === previous)
      ? [['Not listed above', [{ value: previous, label: previousLabel || 'Someone no longer listed' }]]] : [];
    const children = blank !== null ? [h('option', { value: '' }, blank)] : [];
    for (const [title, options] of [...groups, ...extra]) {
      if (!options.length) continue;
      const built = options.map((o) => h('option', { value: o.value }, o.label));
      if (title) children.push(h('optgroup', { label: title }, built)); else children.push(...built);
    }
    select.replaceChildren(...children);
    select.value = previous ?? '';
    if (select.value !== previous) select.value = blank !== null ? '' : (select.options[0]?.value ?? '');
  }

  function refreshChoices() {
    if (!form) return;
    const reps = pickers.representatives.items;
    const theirs = [
      ...reps.map((r) => ({ value: `representative:${r.id}`, label: r.name })),
      ...pickers.their_attendees.items.map(partyOption),
    ];
    const ours = pickers.our_attendees.items.map(partyOption);
    for (const wrapper of form.querySelectorAll('.choice-who')) {
      fill(wrapper.querySelector('select'), 'Choose who…', [['Their side', theirs], ['Our side', ours]], rowData.get(wrapper));
    }
    const ourIds = new Set(ours.map((o) => o.value));
    const everyoneElse = [...others].filter(([id]) => !ourIds.has(`person:${id}`))
      .map(([id, name]) => ({ value: `person:${id}`, label: name }))
      .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
    for (const wrapper of form.querySelectorAll('.choice-owner')) {
      const select = wrapper.querySelector('select');
      fill(select, null, [['At the meeting', ours], ['Others in our group', everyoneElse]], rowData.get(wrapper));
      select.append(h('option', { value: FIND_OWNER }, 'Someone else in our group…'));
    }
    for (const wrapper of form.querySelectorAll('.choice-representative')) {
      const select = wrapper.querySelector('select');
      const row = wrapper.closest('.row');
      const data = rowData.get(row);
      fill(select, null, [[null, reps.map((r) => ({ value: r.id, label: r.name }))]], { value: data?.representative_id ?? '' });
      const earlier = row.querySelector('.choice-earlier select');
      wrapper.hidden = reps.length < 2 || Boolean(earlier?.value);
    }
    // Earlier asks still open, of the representatives chosen: read when a new ask row offers them.
    if (form.querySelector('.choice-earlier')) {
      for (const r of reps) if (!asksOf.has(r.id)) readAsksOf(r.id);
    }
    const listed = new Set((editing?.asks ?? []).map((a) => a.id));
    const available = reps.flatMap((r) => asksOf.get(r.id)?.items ?? []).filter((a) => !listed.has(a.id))
      .map((a) => ({ value: a.id, label: reps.length > 1 ? `${a.title} (${a.representative.name})` : a.title }));
    for (const wrapper of form.querySelectorAll('.choice-earlier')) {
      const select = wrapper.querySelector('select');
      fill(select, 'No: a new ask', [[null, available]], { value: '' });
      wrapper.hidden = available.length === 0 && !select.value;
      rowData.get(wrapper)?.toggle(false);
    }
  }

  // ----- saving and leaving -----

  function touched() {
    dirty = true;
  }

  /** Where a message from the core belongs: the pickers hold their attendees and the campaign. */
  function fieldFor(name) {
    if (!name) return null;
    if (name === 'campaign_id' || name === 'new_campaign') return 'campaign';
    if (name === 'occurred_at') return 'date';
    if (name === 'on_behalf_of_id') return 'on_behalf_of';
    const attendee = /^(their_attendees|our_attendees)\b/.exec(name);
    if (attendee) return attendee[1];
    return name;
  }

  async function save() {
    clearErrors(form);
    const button = form.querySelector('[data-testid=log-save]');
    button.disabled = true;
    let saved;
    try {
      saved = await api.saveInteraction(collect());
    } catch (failure) {
      button.disabled = false;
      showError(form, fieldFor(failure.field), failure.message);
      return;
    }
    button.disabled = false;
    dirty = false;
    form = null;
    const withWhom = namesInWords(saved.representatives.map((r) => r.name));
    toast(saved.status === 'planned' ? `Planned the meeting with ${withWhom}.` : `Saved the meeting with ${withWhom}.`);
    navigate(`interaction/${saved.id}`);
  }

  function cancel() {
    navigate(editing ? `interaction/${editing.id}` : prefill ? (prefill.back ?? 'today') : 'interactions');
  }

  function leave() {
    if (!dirty) return true;
    if (!window.confirm('Discard the meeting you have typed?')) return false;
    dirty = false;
    return true;
  }

  return { el: root, show, leave };
}
