// A list of records beside an editor: the shape shared by Representatives and People.
// The config says what the records are; this module owns the DOM, the filter, saving with
// errors shown beside their fields, and delete with undo.
//
// The list is never read whole (a national programme has 5,000 people): `page({ text, limit,
// offset })` asks the core for a page of the records matching the filter ({ items, total }),
// as the person types (after a short pause; an answer overtaken by a later one is dropped),
// and "Show 200 more" asks for the next page. `get(id)` reads one record that is not on the
// page (the route `#screen/edit/ID`). After a save, delete, undo or import the list is read
// again.
//
// A name in the list opens the editor, or, when the config has `open(record)` (a
// representative's profile), that instead, with an "Edit" button on the row for the editor.
// The route `#screen/edit/ID` opens the editor on record ID (from a profile or a search hit).
//
// With `csv: 'people'` (the list's name for the shell) the toolbar also offers "Import CSV…"
// (the dialog in csv-import.js) and "Export CSV". `tools({ reload })` may return more
// toolbar controls (Representatives' "Find my MP by postcode"); `reload()` reads the list again.
// `rowClass(record)` may name a class for a record's row (a former representative's).

import { h, replace } from '../dom.js';
import { field, readForm, clearErrors, showError } from '../form.js';
import { recordLine } from '../format.js';
import { toast } from '../toast.js';
import { api } from '../api.js';
import { openCsvImport } from './csv-import.js';

/** How many rows the core sends at a time: a national programme has thousands of people. */
const PAGE = 200;
/** How long the filter waits after a key before asking the core, in milliseconds. */
const PAUSE = 150;

const number = (n) => n.toLocaleString('en-GB');

export function recordScreen(config) {
  const root = h('section', { class: 'screen', testid: `${config.id}-view`, 'aria-labelledby': `${config.id}-title` });
  const listPane = h('div', { class: 'list-pane' });
  const editorPane = h('aside', { class: 'editor-pane', 'aria-label': `${config.noun} details` });
  const filter = h('input', {
    type: 'search', class: 'filter', placeholder: config.filterPlaceholder, 'aria-label': config.filterPlaceholder,
    testid: `${config.noun}-filter`, oninput: () => filterChanged(),
  });
  let records = [];     // the rows drawn: the first pages of those matching `query`
  let total = 0;        // how many match `query`
  let everyone = 0;     // how many are on record at all
  let query = '';       // the filter text the rows drawn answer
  let ticket = 0;       // each read of the list takes the next; an older answer is dropped
  let reading = 0;      // reads of the list not yet answered
  let pause = null;     // the filter's wait before it asks
  let editing = null;   // the record open in the editor, or {} for a new one
  let dirty = false;
  const plural = config.plural ?? `${config.noun}s`;
  const counted = (n) => `${number(n)} ${n === 1 ? config.noun : plural}`;

  const EXPORT_TEXT = 'Export CSV';
  const importButton = config.csv ? h('button', {
    type: 'button', testid: `${config.noun}-import-csv`, onclick: () => importCsv(),
  }, 'Import CSV…') : null;
  const exportButton = config.csv ? h('button', {
    type: 'button', testid: `${config.noun}-export-csv`, onclick: () => exportCsv(),
  }, EXPORT_TEXT) : null;

  replace(root,
    h('header', { class: 'screen-head' },
      h('div', {},
        h('h1', { id: `${config.id}-title` }, config.title),
        h('p', { class: 'lede' }, config.lede)),
      h('div', { class: 'toolbar record-toolbar' },
        filter,
        h('div', { class: 'toolbar-actions' },
          config.tools ? config.tools({ reload: () => show() }) : null,
          config.csv ? h('div', { class: 'toolbar-group', role: 'group', 'aria-label': `CSV file of ${plural}` },
            importButton, exportButton) : null,
          h('button', { type: 'button', class: 'primary', testid: `${config.noun}-add`, onclick: () => openEditor({}) },
            config.addLabel, h('kbd', { 'aria-hidden': 'true' }, 'Ctrl+N'))))),
    h('div', { class: 'split' }, listPane, editorPane));

  /** Reads the first `limit` rows matching the filter (and, with `recount`, how many are on
   *  record). False when a later read overtook this one: its answer is the one drawn. */
  async function read(limit = PAGE, { recount = false } = {}) {
    const mine = ++ticket;
    const text = filter.value.trim();
    reading += 1;
    try {
      const [page, all] = await Promise.all([
        config.page({ text, limit, offset: 0 }),
        text && recount ? config.page({ text: '', limit: 0, offset: 0 }) : null,
      ]);
      if (mine !== ticket) return false;
      records = page.items;
      total = page.total;
      query = text;
      if (!text) everyone = page.total;
      else if (all) everyone = all.total;
      return true;
    } finally {
      reading -= 1;
    }
  }

  function problem(error) {
    replace(listPane, h('p', { class: 'problem', role: 'alert' }, error.message));
  }

  /** Reads the list again, as many rows as were drawn, and draws it. */
  async function show(param) {
    clearTimeout(pause);
    pause = null;
    let fresh;
    try {
      fresh = await read(Math.max(PAGE, records.length), { recount: true });
    } catch (error) {
      problem(error);
      return;
    }
    const wanted = /^edit\/(.+)$/.exec(param ?? '')?.[1];
    if (wanted) {
      if (editing?.id === wanted) {
        renderList();
        return;
      }
      let record = records.find((r) => r.id === wanted);
      if (!record) {
        try {
          record = await config.get(wanted);
        } catch (failure) {
          if (failure.code !== 'not_found') toast(failure.message);
        }
      }
      if (record) {
        openEditor(record);
        return;
      }
      toast(`That ${config.noun} is no longer on record. It may have been deleted.`);
      leaveEditRoute();
    }
    if (fresh) renderList();
    if (!editing) renderEditorHint();
  }

  /** The filter asks the core once the typing pauses. */
  function filterChanged() {
    clearTimeout(pause);
    pause = setTimeout(async () => {
      pause = null;
      try {
        if (await read()) renderList();
      } catch (error) {
        problem(error);
      }
    }, PAUSE);
  }

  /** Adds the next page below the rows drawn, the focus on the first of them. */
  async function showMore(button) {
    // A new filter on its way (or a reload) draws its own first page instead.
    if (pause || reading || filter.value.trim() !== query) return;
    const mine = ticket;
    const first = records.length;
    button.disabled = true;
    let page;
    try {
      page = await config.page({ text: query, limit: PAGE, offset: first });
    } catch (failure) {
      button.disabled = false;
      toast(failure.message);
      return;
    }
    if (mine !== ticket) return;
    const drawn = new Set(records.map((r) => r.id));
    records = [...records, ...page.items.filter((r) => !drawn.has(r.id))];
    total = page.total;
    renderList();
    listPane.querySelectorAll('tbody tr')[first]?.querySelector('.row-link')?.focus();
  }

  /** Once the editor closes, the address no longer names the record being edited. */
  function leaveEditRoute() {
    if (location.hash.startsWith(`#${config.id}/`)) history.replaceState(null, '', `#${config.id}`);
  }

  function renderList() {
    if (everyone === 0) {
      replace(listPane, h('div', { class: 'empty', testid: `${config.noun}-empty` },
        h('h2', {}, config.emptyTitle), h('p', {}, config.emptyText),
        h('button', { type: 'button', class: 'primary', onclick: () => openEditor({}) }, config.addLabel)));
      return;
    }
    if (total === 0) {
      replace(listPane, h('div', { class: 'empty', testid: `${config.noun}-no-match` },
        h('h2', {}, 'No one matches'),
        h('p', {}, `No ${plural} match “${query}”. Check the spelling, or try fewer words.`),
        h('button', {
          type: 'button', onclick: () => { filter.value = ''; filter.focus(); show(); },
        }, 'Clear the filter')),
        h('p', { class: 'count muted', testid: `${config.noun}-count` }, `0 of ${counted(everyone)}`));
      return;
    }
    const open = config.open ?? openEditor;
    const rows = records.map((record) => h('tr', {
      testid: `${config.noun}-row`,
      class: [editing?.id === record.id ? 'selected' : null, config.rowClass?.(record)].filter(Boolean).join(' ') || null,
      onclick: () => open(record),
    }, config.columns.map((column, index) => h('td', { 'data-label': column.label },
      index === 0
        ? [h('button', {
          type: 'button', class: 'row-link', testid: `${config.noun}-name`,
          title: config.openLabel, onclick: (e) => { e.stopPropagation(); open(record); },
        }, column.value(record)),
        config.open ? h('button', {
          type: 'button', class: 'row-edit', testid: `${config.noun}-edit`,
          'aria-label': `Edit ${config.name(record)}`, onclick: (e) => { e.stopPropagation(); openEditor(record); },
        }, 'Edit') : null]
        : column.value(record) || '—'))));
    const more = total - records.length;
    replace(listPane,
      h('table', { class: 'records', testid: `${config.noun}-list` },
        h('caption', { class: 'visually-hidden' }, config.title),
        h('thead', {}, h('tr', {}, config.columns.map((c) => h('th', { scope: 'col' }, c.label)))),
        h('tbody', {}, rows)),
      h('p', { class: 'count muted', testid: `${config.noun}-count` }, countLine(records.length, total)),
      more > 0 ? h('button', {
        type: 'button', class: 'link show-more', testid: `${config.noun}-show-more`,
        onclick: (event) => showMore(event.currentTarget),
      }, `Show ${number(Math.min(PAGE, more))} more of ${number(more)}`) : null,
      // Where public data is listed, its licence says so (config.credit gives the line, or null).
      config.credit?.(records) ? h('p', { class: 'list-credit muted', testid: `${config.id}-credit` }, config.credit(records)) : null);
  }

  /** "651 representatives", "12 of 651 representatives" (filtered), "200 of 651 representatives
   *  shown" (a page of them), "200 of 1,200 matching shown". */
  function countLine(drawn, matching) {
    const all = counted(everyone);
    const of = matching === everyone ? all : `${number(matching)} of ${all}`;
    return drawn === matching ? of : `${number(drawn)} of ${matching === everyone ? all : `${number(matching)} matching`} shown`;
  }

  function renderEditorHint() {
    replace(editorPane, h('div', { class: 'editor-hint' },
      h('p', {}, config.hint),
      h('p', { class: 'muted' }, config.chooseHint ?? 'Choose a name in the list to see or change its details.')));
  }

  function openEditor(record) {
    if (dirty && !confirmDiscard()) return;
    editing = record;
    dirty = false;
    const isNew = !record.id;
    const specs = config.fields();
    const values = isNew ? config.blank() : config.valuesOf(record);
    const formId = `${config.noun}-form`;
    const form = h('form', { class: 'editor', id: formId, testid: formId, novalidate: true, oninput: () => { dirty = true; } },
      h('h2', {}, isNew ? config.addLabel : config.name(record)),
      h('p', { class: 'form-message', role: 'alert', tabindex: '-1', testid: 'form-message', hidden: true }),
      h('div', { class: 'fields' }, specs.map((spec) => field(formId, spec, values[spec.name]))),
      isNew ? null : h('p', { class: 'record-line muted' }, recordLine(record.record)),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', testid: `${config.noun}-save` }, isNew ? `Add ${config.noun}` : 'Save changes'),
        h('button', { type: 'button', testid: `${config.noun}-cancel`, onclick: close }, 'Cancel'),
        !isNew && config.open ? h('button', {
          type: 'button', class: 'link', testid: `${config.noun}-open`, onclick: () => { if (close()) config.open(record); },
        }, config.openLabel) : null,
        isNew ? null : h('button', { type: 'button', class: 'danger', testid: `${config.noun}-delete`, onclick: () => remove(record) }, 'Delete')));
    form.addEventListener('submit', (event) => { event.preventDefault(); save(form, specs, record); });
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') { event.preventDefault(); close(); }
      if (event.key === 'Enter' && event.ctrlKey) { event.preventDefault(); form.requestSubmit(); }
    });
    replace(editorPane, form);
    renderList();
    form.querySelector('input, select, textarea')?.focus();
  }

  async function save(form, specs, record) {
    clearErrors(form);
    const { values, error } = readForm(form, specs);
    if (error) { showError(form, error.field, error.message); return; }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const saved = await config.save({ ...config.toInput(values), id: record.id ?? null });
      dirty = false;
      editing = null;
      toast(`Saved ${config.name(saved)}.`);
      leaveEditRoute();
      await show();
      renderEditorHint();
      focusRow(saved);
    } catch (failure) {
      showError(form, failure.field, failure.message);
    } finally {
      button.disabled = false;
    }
  }

  async function remove(record) {
    try {
      await config.remove(record.id);
    } catch (failure) {
      showError(editorPane.querySelector('form'), null, failure.message);
      return;
    }
    dirty = false;
    editing = null;
    leaveEditRoute();
    await show();
    renderEditorHint();
    toast(`Deleted ${config.name(record)}.`, {
      label: 'Undo',
      run: async () => {
        try {
          await config.restore(record.id);
          toast(`Restored ${config.name(record)}.`);
        } catch (failure) {
          toast(failure.message);
        }
        await show();
      },
    });
  }

  /** Closes the editor; false if the person chose to keep their unsaved changes. */
  function close() {
    if (dirty && !confirmDiscard()) return false;
    dirty = false;
    editing = null;
    leaveEditRoute();
    renderEditorHint();
    renderList();
    return true;
  }

  function confirmDiscard() {
    return window.confirm('Discard the changes you have typed?');
  }

  // ----- CSV -----

  /** The import dialog; once rows are written the list is read again (an open editor is left
   *  as it is, changes and all). */
  function importCsv() {
    openCsvImport({
      list: config.csv,
      noun: config.noun,
      plural,
      opener: importButton,
      imported: async (count) => {
        toast(`Imported ${counted(count)}.`);
        await show();
      },
    });
  }

  async function exportCsv() {
    exportButton.disabled = true;
    exportButton.setAttribute('aria-busy', 'true');
    exportButton.textContent = 'Exporting…';
    try {
      const path = await api.exportCsv(config.csv);
      if (path) toast(`Saved ${counted(everyone)} to ${path}.`);
    } catch (failure) {
      toast(failure.message);
    } finally {
      exportButton.disabled = false;
      exportButton.removeAttribute('aria-busy');
      exportButton.textContent = EXPORT_TEXT;
    }
  }

  function focusRow(record) {
    const names = [...listPane.querySelectorAll('.row-link')];
    names.find((b) => b.textContent === config.name(record))?.focus();
  }

  return {
    el: root,
    show,
    add: () => openEditor({}),
    focusFilter: () => filter.focus(),
  };
}
