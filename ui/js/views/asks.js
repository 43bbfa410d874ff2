// Asks & commitments: what we have asked representatives for, and what each side promised,
// filtered, with a side panel to record what happened since (a status change with a note and
// evidence) and the whole life of the record. Routes: `#asks`, `#asks/commitments`, and
// `#asks/ask:ID` or `#asks/commitment:ID` to open one. The list comes a page at a time (a
// national programme has hundreds of thousands): the first 100 with the total, then "Show more".
// The representative and "who promised" filters find their names in the core as they are typed,
// never loading every representative and person.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { field, readForm, clearErrors, showError } from '../form.js';
import { labeller, longDate, longDay, recordLine } from '../format.js';
import { toast } from '../toast.js';
import { picker } from '../picker.js';
import { historyPanel } from './history.js';
import { statusChip, overdueChip } from './profile.js';

const OPEN_ONLY = '__open';
/** How many rows the list asks for at a time. */
const PAGE = 100;

export function asksScreen(catalogue, navigate) {
  const label = labeller(catalogue);
  let tab = 'asks';
  let items = [];
  let total = 0;             // how many match the filters (items holds the first of them)
  let selected = null;       // the id of the record open in the side panel
  let campaigns = [];
  let loaded = 0;            // ticket of the latest list load

  // ----- filters -----
  const controls = {};
  const finders = {};        // the filters that find a name as it is typed: name → picker
  const chosen = { filter_representative: null, filter_owner: null };  // what each has chosen
  const filterBar = h('form', { class: 'asks-filters', testid: 'asks-filters', 'aria-label': 'Filters', novalidate: true });
  filterBar.addEventListener('submit', (event) => event.preventDefault());
  // Other filters: the list starts again from its first page. (A name box changes its filter
  // when a name is chosen, not as it is typed.)
  filterBar.addEventListener('change', (event) => {
    if (event.target.closest('.picker')) return;
    items = [];
    reload();
  });

  const repOption = (r) => ({ id: r.id, name: r.full_name, detail: [r.party, r.seat?.name].filter(Boolean).join(' · ') });

  /** Representatives whose name, party or seat has every word typed. */
  async function findRepresentatives(typed, { limit }) {
    return (await api.representativesPage({ text: typed, limit, offset: 0 })).items.map(repOption);
  }

  /** Who may have promised: representatives and people, by name. */
  async function findOwners(typed, { limit }) {
    const [found, people] = await Promise.all([
      api.representativesPage({ text: typed, limit, offset: 0 }),
      api.peoplePage({ text: typed, limit, offset: 0 }),
    ]);
    return [
      ...found.items.map((r) => ({ id: `representative:${r.id}`, name: r.full_name, detail: 'Representative' })),
      ...people.items.map((p) => ({ id: `person:${p.id}`, name: p.full_name, detail: label('person_kinds', p.kind) })),
    ].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).slice(0, limit);
  }

  /** A filter that finds a name as it is typed ("Anyone" until one is chosen). */
  function finder(name, text, blank, search) {
    const box = picker({
      formId: 'asks', name, label: text, multiple: false, wide: false,
      placeholder: `${blank}: type a name`, search, newLabel: null,
      onChange: (picked) => {
        chosen[name] = picked[0] ?? null;
        items = [];
        reload();
      },
    });
    if (chosen[name]) box.set([chosen[name]]);
    finders[name] = box;
    return box.el;
  }

  /** Every filter back to showing all. */
  function resetFilters() {
    for (const key of Object.keys(controls)) delete controls[key];
    for (const key of Object.keys(chosen)) chosen[key] = null;
  }

  function select(name, text, blank, options, groups) {
    const id = `asks-${name}`;
    const control = h('select', { id, name, testid: `field-${name}` },
      h('option', { value: '' }, blank),
      options.map((o) => h('option', { value: o.code }, o.label)),
      (groups ?? []).filter((g) => g.options.length).map((g) => h('optgroup', { label: g.label },
        g.options.map((o) => h('option', { value: o.code }, o.label)))));
    controls[name] = control;
    return h('div', { class: 'field' }, h('label', { for: id }, text), control);
  }

  function renderFilters() {
    const kept = Object.fromEntries(Object.entries(controls).map(([name, c]) => [name, c.type === 'checkbox' ? c.checked : c.value]));
    for (const key of Object.keys(controls)) delete controls[key];
    for (const key of Object.keys(finders)) delete finders[key];
    const campaignOptions = campaigns.map((c) => ({ code: c.id, label: c.name }));
    const parts = tab === 'asks'
      ? [
        select('filter_status', 'Status', 'All statuses',
          [{ code: OPEN_ONLY, label: 'Still open' }, ...catalogue.ask_statuses]),
        finder('filter_representative', 'Asked of', 'Anyone', findRepresentatives),
        select('filter_campaign', 'Campaign', 'Any', campaignOptions),
      ]
      : [
        select('filter_status', 'Status', 'All statuses', catalogue.commitment_statuses),
        select('filter_side', 'Side', 'Both sides', catalogue.sides.map((s) => ({ code: s.code, label: s.code === 'ours' ? 'Ours (we promised)' : 'Theirs (they promised)' }))),
        finder('filter_owner', 'Who promised', 'Anyone', findOwners),
        finder('filter_representative', 'Representative', 'Any', findRepresentatives),
        select('filter_campaign', 'Campaign', 'Any', campaignOptions),
        overdueBox(),
      ];
    replace(filterBar, parts,
      h('button', { type: 'button', class: 'link quiet clear-filters', testid: 'filters-clear', onclick: clearFilters }, 'Clear filters'));
    for (const [name, value] of Object.entries(kept)) {
      const control = controls[name];
      if (!control) continue;
      if (control.type === 'checkbox') control.checked = value;
      else if ([...control.options].some((o) => o.value === value)) control.value = value;
    }
  }

  function overdueBox() {
    const box = h('input', { type: 'checkbox', id: 'asks-filter_overdue', name: 'filter_overdue', testid: 'filter-overdue' });
    controls.filter_overdue = box;
    return h('div', { class: 'field check-field' },
      h('span', { class: 'check-spacer', 'aria-hidden': 'true' }, ' '),
      h('label', { for: 'asks-filter_overdue', class: 'check' }, box, ' Overdue only'));
  }

  function clearFilters() {
    for (const control of Object.values(controls)) {
      if (control.type === 'checkbox') control.checked = false; else control.value = '';
    }
    for (const key of Object.keys(chosen)) chosen[key] = null;
    for (const box of Object.values(finders)) box.clear();
    items = [];
    reload();
  }

  function filtersActive() {
    return Object.values(controls).some((c) => (c.type === 'checkbox' ? c.checked : c.value !== ''))
      || Object.values(chosen).some(Boolean);
  }

  function filterValue() {
    const value = (name) => controls[name]?.value || null;
    if (tab === 'asks') {
      const status = value('filter_status');
      return {
        status: status && status !== OPEN_ONLY ? status : null,
        open_only: status === OPEN_ONLY,
        representative_id: chosen.filter_representative?.id ?? null,
        campaign_id: value('filter_campaign'),
      };
    }
    return {
      status: value('filter_status'),
      side: value('filter_side'),
      owner: chosen.filter_owner?.id ?? null,
      representative_id: chosen.filter_representative?.id ?? null,
      campaign_id: value('filter_campaign'),
      overdue_only: Boolean(controls.filter_overdue?.checked),
    };
  }

  // ----- layout -----
  const tabs = {
    asks: h('button', { type: 'button', role: 'tab', id: 'tab-asks', testid: 'tab-asks', 'aria-controls': 'asks-panel', onclick: () => switchTab('asks') }, 'Asks'),
    commitments: h('button', { type: 'button', role: 'tab', id: 'tab-commitments', testid: 'tab-commitments', 'aria-controls': 'asks-panel', onclick: () => switchTab('commitments') }, 'Commitments'),
  };
  const tabList = h('div', { class: 'asks-tabs', role: 'tablist', 'aria-label': 'Asks or commitments' }, tabs.asks, tabs.commitments);
  tabList.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const next = tab === 'asks' ? 'commitments' : 'asks';
    switchTab(next);
    tabs[next].focus();
  });
  const listPane = h('div', { class: 'list-pane asks-list' });
  const panel = h('aside', { class: 'editor-pane asks-detail', testid: 'asks-detail', 'aria-label': 'Details' });
  const root = h('section', { class: 'screen asks-screen', testid: 'asks-view', 'aria-labelledby': 'asks-title' },
    h('header', { class: 'screen-head' },
      h('div', {},
        h('h1', { id: 'asks-title' }, 'Asks & commitments'),
        h('p', { class: 'lede' }, 'What we asked for, and what each side promised.')),
      h('div', { class: 'toolbar' },
        h('button', { type: 'button', class: 'primary', testid: 'asks-log', onclick: () => navigate('log/new') },
          'Log a meeting', h('kbd', { 'aria-hidden': 'true' }, 'Ctrl+L')))),
    tabList,
    filterBar,
    h('div', { id: 'asks-panel', role: 'tabpanel', class: 'split asks-split', 'aria-labelledby': 'tab-asks' }, listPane, panel));

  function paintTabs() {
    for (const [name, button] of Object.entries(tabs)) {
      button.setAttribute('aria-selected', String(name === tab));
      button.tabIndex = name === tab ? 0 : -1;
    }
    root.querySelector('[role=tabpanel]').setAttribute('aria-labelledby', `tab-${tab}`);
  }

  function switchTab(next, keepSelection = false) {
    if (next !== tab) {
      tab = next;
      resetFilters();
      if (!keepSelection) selected = null;
      items = [];
    }
    paintTabs();
    renderFilters();
    if (!keepSelection) renderPanelHint();
    return reload();
  }

  // ----- loading -----
  async function show(param) {
    const match = /^(ask|commitment):(.+)$/.exec(param ?? '');
    try {
      campaigns = await api.listCampaigns();
    } catch (error) {
      replace(listPane, h('p', { class: 'problem', role: 'alert' }, error.message));
      return;
    }
    if (match) {
      resetFilters();
      tab = match[1] === 'ask' ? 'asks' : 'commitments';
      selected = match[2];
      paintTabs();
      renderFilters();
      await reload();
      const record = items.find((i) => i.id === selected) ?? await one(selected);
      if (record) openPanel(record); else renderPanelHint();
      return;
    }
    const wanted = param === 'commitments' ? 'commitments' : param === 'asks' ? 'asks' : tab;
    if (wanted !== tab) { await switchTab(wanted); return; }
    paintTabs();
    renderFilters();
    await reload();
    const record = items.find((i) => i.id === selected);
    if (record) openPanel(record, { keepForm: true }); else { selected = null; renderPanelHint(); }
  }

  /** A page of the list from `offset`, as the filters say: { items, total }. */
  function page(offset, limit = PAGE) {
    const filter = { ...filterValue(), limit, offset };
    return tab === 'asks' ? api.asksPage(filter) : api.commitmentsPage(filter);
  }

  /** One record by its id, whatever the filters (to keep it open once it no longer matches). */
  async function one(id) {
    try {
      const found = tab === 'asks' ? await api.listAsks({ id }) : await api.listCommitments({ id });
      return found[0] ?? null;
    } catch {
      return null;
    }
  }

  /** Reads the list again: as many rows as were shown (at least a page). */
  async function reload() {
    const ticket = ++loaded;
    let next;
    try {
      next = await page(0, Math.max(PAGE, items.length));
    } catch (error) {
      replace(listPane, h('p', { class: 'problem', role: 'alert' }, error.message));
      return;
    }
    if (ticket !== loaded) return;
    items = next.items;
    total = next.total;
    renderList();
  }

  /** "Show 100 more": the next page, added below; the focus goes to the first new row. */
  async function showMore(button) {
    const ticket = loaded;
    const at = items.length;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.textContent = 'Loading…';
    let next;
    try {
      next = await page(at);
    } catch (error) {
      toast(error.message);
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.textContent = moreText();
      return;
    }
    if (ticket !== loaded) return;
    items = [...items, ...next.items];
    total = next.total;
    renderList();
    listPane.querySelectorAll('tbody tr')[at]?.querySelector('.row-link')?.focus();
  }

  const noun = (n) => (tab === 'asks' ? (n === 1 ? 'ask' : 'asks') : (n === 1 ? 'commitment' : 'commitments'));
  const moreText = () => `Show ${Math.min(PAGE, total - items.length)} more of ${(total - items.length).toLocaleString('en-GB')}`;

  // ----- the list -----
  function renderList() {
    if (items.length === 0) {
      replace(listPane, filtersActive()
        ? h('div', { class: 'empty', testid: 'asks-empty' },
          h('p', {}, `No ${tab} match these filters.`),
          h('button', { type: 'button', onclick: clearFilters }, 'Clear filters'))
        : h('div', { class: 'empty', testid: 'asks-empty' },
          h('h2', {}, tab === 'asks' ? 'No asks yet' : 'No commitments yet'),
          h('p', {}, tab === 'asks'
            ? 'No asks yet. Asks are recorded when you log a meeting.'
            : 'No commitments yet. Promises made by either side are recorded when you log a meeting.'),
          h('button', { type: 'button', class: 'primary', onclick: () => navigate('log/new') }, 'Log a meeting')));
      return;
    }
    const table = tab === 'asks' ? askTable() : commitmentTable();
    const count = items.length < total
      ? `${items.length.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} ${noun(total)} shown`
      : `${total.toLocaleString('en-GB')} ${noun(total)}`;
    const more = items.length < total
      ? h('button', { type: 'button', class: 'link show-more', testid: 'asks-show-more', onclick: (event) => showMore(event.currentTarget) }, moreText())
      : null;
    replace(listPane, table, h('p', { class: 'count muted', testid: 'asks-count' }, count), more);
  }

  function row(record, testid, cells) {
    return h('tr', {
      testid, class: record.id === selected ? 'selected' : null, dataset: { id: record.id },
      onclick: () => openPanel(record, { focus: true }),
    }, cells);
  }

  function titleCell(record, text) {
    return h('button', {
      type: 'button', class: 'row-link', testid: `${tab === 'asks' ? 'ask' : 'commitment'}-title`,
      onclick: (e) => { e.stopPropagation(); openPanel(record, { focus: true }); },
    }, text);
  }

  function askTable() {
    return h('table', { class: 'records asks-table', testid: 'asks-table' },
      h('caption', { class: 'visually-hidden' }, 'Asks'),
      h('thead', {}, h('tr', {}, ['Ask', 'Asked of', 'Status'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, items.map((ask) => row(ask, 'ask-row', [
        h('td', {}, titleCell(ask, ask.title),
          ask.stated_position ? h('p', { class: 'cell-line' }, h('span', { class: 'muted' }, 'Their position: '), ask.stated_position) : null,
          ask.made_on ? h('p', { class: 'cell-line muted' }, `Made ${longDate(ask.made_on)}`, ask.campaign ? ` · ${ask.campaign.name}` : '') : null),
        h('td', {}, ask.representative.name),
        h('td', {}, statusChip(label('ask_statuses', ask.status), ask.status, 'row-status')),
      ]))));
  }

  function commitmentTable() {
    return h('table', { class: 'records asks-table', testid: 'commitments-table' },
      h('caption', { class: 'visually-hidden' }, 'Commitments'),
      h('thead', {}, h('tr', {}, ['Commitment', 'Who', 'Due and status'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, items.map((c) => row(c, 'commitment-row', [
        h('td', {}, titleCell(c, c.description),
          c.interaction_on ? h('p', { class: 'cell-line muted' }, c.side === 'ours' && c.representatives.length
            ? `Promised to ${c.representatives.map((r) => r.name).join(', ')}, ${longDate(c.interaction_on)}`
            : `Promised ${longDate(c.interaction_on)}`) : null),
        h('td', {}, c.who ? c.who.name : '—',
          h('p', { class: 'cell-line muted' }, c.side === 'ours' ? 'Our side' : 'Their side')),
        h('td', { class: 'nowrap' }, c.due_date ? longDay(c.due_date) : h('span', { class: 'muted' }, 'No date'),
          h('div', { class: 'chips' },
            statusChip(label('commitment_statuses', c.status), c.status, 'row-status'),
            c.overdue ? overdueChip() : null)),
      ]))));
  }

  // ----- the side panel -----
  function renderPanelHint() {
    replace(panel, h('div', { class: 'editor-hint' },
      h('p', {}, tab === 'asks'
        ? 'An ask moves from made to agreed or declined, and on to done. Keep each step, with what shows it: a written question number, a letter, a link.'
        : 'A commitment is open until it is done, or the person is released from it. Overdue ones are past their date and still open.'),
      h('p', { class: 'muted' }, `Choose ${tab === 'asks' ? 'an ask' : 'a commitment'} in the list to see its history or change its status.`)));
  }

  async function openPanel(record, { focus = false, keepForm = false } = {}) {
    const previous = selected;
    selected = record.id;
    for (const tr of listPane.querySelectorAll('tbody tr')) tr.classList.toggle('selected', tr.dataset.id === record.id);
    if (keepForm && previous === record.id && panel.querySelector('form')) {
      refreshFacts(record);
    } else {
      renderPanel(record);
    }
    if (focus) {
      panel.querySelector('h2')?.focus({ preventScroll: true });
      panel.scrollIntoView({ block: 'nearest' });
    }
    await loadSteps(record.id);
  }

  const kindOf = () => (tab === 'asks' ? 'ask' : 'commitment');

  function renderPanel(record) {
    const isAsk = tab === 'asks';
    const statuses = isAsk ? catalogue.ask_statuses : catalogue.commitment_statuses;
    const specs = [
      { name: 'status', label: 'New status', type: 'select', options: statuses },
      isAsk ? { name: 'stated_position', label: 'Their position now', type: 'textarea', rows: 2, wide: true,
        placeholder: 'What they say about it, in their words if you have them' } : null,
      { name: 'note', label: 'Note', type: 'textarea', rows: 2, wide: true,
        placeholder: isAsk ? 'e.g. Agreed on the phone with her caseworker' : 'e.g. Sent on 26 November' },
      { name: 'evidence', label: 'Evidence', wide: true, placeholder: 'e.g. Written question UIN 12345, a letter, a link',
        hint: 'What shows it happened.' },
    ].filter(Boolean);
    const formId = 'status-form';
    const form = h('form', { class: 'status-form', id: formId, testid: formId, novalidate: true, 'aria-labelledby': 'status-form-title' },
      h('h3', { id: 'status-form-title' }, 'Change status'),
      h('p', { class: 'form-message', role: 'alert', tabindex: '-1', testid: 'form-message', hidden: true }),
      h('div', { class: 'fields' }, specs.map((spec) => field(formId, spec,
        spec.name === 'status' ? record.status : spec.name === 'stated_position' ? record.stated_position : null))),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', testid: 'status-save' }, 'Save status', h('kbd', { 'aria-hidden': 'true' }, 'Ctrl+Enter'))));
    form.addEventListener('submit', (event) => { event.preventDefault(); save(form, specs, record); });
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.ctrlKey) { event.preventDefault(); form.requestSubmit(); }
    });
    replace(panel,
      h('div', { class: 'detail-facts-slot' }, facts(record)),
      h('section', { class: 'status-steps', 'aria-labelledby': 'status-steps-title' },
        h('h3', { id: 'status-steps-title' }, 'Status history'),
        h('ol', { class: 'steps', testid: 'status-steps' }, h('li', { class: 'muted' }, 'Loading…'))),
      form,
      historyPanel(isAsk ? 'asks' : 'commitments', record.id));
  }

  function refreshFacts(record) {
    const slot = panel.querySelector('.detail-facts-slot');
    if (slot) replace(slot, facts(record));
  }

  function facts(record) {
    const isAsk = tab === 'asks';
    const row = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
    const meeting = record.interaction_id
      ? h('button', { type: 'button', class: 'link', testid: 'detail-meeting', onclick: () => navigate(`interaction/${record.interaction_id}`) },
        `The meeting on ${longDate(isAsk ? record.made_on : record.interaction_on)}`)
      : null;
    const repLink = (r) => h('button', { type: 'button', class: 'link quiet', testid: 'detail-representative', onclick: () => navigate(`representative/${r.id}`) }, r.name);
    const list = isAsk
      ? [
        row('Asked of', repLink(record.representative)),
        record.detail ? row('Detail', h('span', { class: 'keep-lines' }, record.detail)) : null,
        row('Their position', record.stated_position || h('span', { class: 'muted' }, 'Not recorded')),
        record.evidence ? row('Evidence', record.evidence) : null,
        record.campaign ? row('Campaign', record.campaign.name) : null,
        meeting ? row('Made at', meeting) : null,
      ]
      : [
        row('Who', record.who ? record.who.name : 'Not assigned', h('span', { class: 'muted' }, record.side === 'ours' ? ' · our side' : ' · their side')),
        row('Due', record.due_date ? longDay(record.due_date) : 'No date set', record.overdue ? [' ', overdueChip()] : null),
        record.representatives.length ? row('With', record.representatives.map((r, i) => [i ? ', ' : '', repLink(r)])) : null,
        record.campaign ? row('Campaign', record.campaign.name) : null,
        meeting ? row('Promised at', meeting) : null,
      ];
    return [
      h('h2', { tabindex: '-1', testid: 'detail-title', class: 'detail-title' }, isAsk ? record.title : record.description),
      h('p', { class: 'detail-status' },
        statusChip(label(isAsk ? 'ask_statuses' : 'commitment_statuses', record.status), record.status, 'detail-status')),
      h('dl', { class: 'panel-facts' }, list),
      h('p', { class: 'record-line muted' }, recordLine(record.record)),
    ];
  }

  async function loadSteps(id) {
    let steps;
    try {
      steps = await api.statusHistory(id);
    } catch (error) {
      const list = panel.querySelector('[data-testid=status-steps]');
      if (list && selected === id) replace(list, h('li', { class: 'problem', role: 'alert' }, error.message));
      return;
    }
    if (selected === id) renderSteps(steps);
  }

  function renderSteps(steps) {
    const list = panel.querySelector('[data-testid=status-steps]');
    if (!list) return;
    replace(list, steps.length === 0
      ? h('li', { class: 'muted' }, 'No changes recorded yet.')
      : steps.map((step) => h('li', { class: 'step', testid: 'status-step' },
        h('p', { class: 'step-line' },
          h('strong', {}, step.from_status ? `${step.from_status} → ${step.to_status}` : step.to_status),
          `, by ${step.changed_by || 'someone unknown'} on ${longDate(step.changed_at)}`,
          step.interaction_id ? [' at ', h('button', { type: 'button', class: 'link quiet', onclick: () => navigate(`interaction/${step.interaction_id}`) }, 'a meeting')] : null),
        step.note ? h('p', { class: 'step-note' }, '— ', step.note) : null,
        step.evidence ? h('p', { class: 'step-evidence' }, '— Evidence: ', h('span', { class: 'evidence' }, step.evidence)) : null)));
  }

  async function save(form, specs, record) {
    clearErrors(form);
    const { values, error } = readForm(form, specs);
    if (error) { showError(form, error.field, error.message); return; }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    let steps;
    try {
      steps = await api.changeStatus({
        subject_kind: kindOf(),
        id: record.id,
        status: values.status,
        note: values.note,
        evidence: values.evidence,
        stated_position: tab === 'asks' ? values.stated_position : null,
      });
    } catch (failure) {
      showError(form, failure.field, failure.message);
      return;
    } finally {
      button.disabled = false;
    }
    toast('Status changed.');
    await reload();
    // It may no longer match the filters: then read it again by itself, to keep it open here.
    const fresh = items.find((i) => i.id === record.id) ?? await one(record.id) ?? record;
    selected = fresh.id;
    renderList();
    renderPanel(fresh);
    renderSteps(steps);
    panel.querySelector('select[name=status]')?.focus({ preventScroll: true });
  }

  paintTabs();
  renderPanelHint();

  return {
    el: root,
    show,
    focusFilter: () => Object.values(controls)[0]?.focus(),
  };
}
