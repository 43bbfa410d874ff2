// A list of records beside an editor: the shape shared by Representatives and People.
// The config says what the records are; this module owns the DOM, the filter, saving with
// errors shown beside their fields, and delete with undo.
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

/** How many rows the table draws at a time: a national programme has thousands of people. */
const PAGE = 200;

export function recordScreen(config) {
  const root = h('section', { class: 'screen', testid: `${config.id}-view`, 'aria-labelledby': `${config.id}-title` });
  const listPane = h('div', { class: 'list-pane' });
  const editorPane = h('aside', { class: 'editor-pane', 'aria-label': `${config.noun} details` });
  const filter = h('input', {
    type: 'search', class: 'filter', placeholder: config.filterPlaceholder, 'aria-label': config.filterPlaceholder,
    testid: `${config.noun}-filter`, oninput: () => { limit = PAGE; renderList(); },
  });
  let limit = PAGE;     // how many matching rows the table draws ("Show more" adds a page)
  let records = [];
  let context = {};
  let editing = null;   // the record open in the editor, or {} for a new one
  let dirty = false;
  const plural = config.plural ?? `${config.noun}s`;
  const counted = (n) => `${n} ${n === 1 ? config.noun : plural}`;

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

  async function show(param) {
    try {
      ({ records, context } = await config.load());
    } catch (error) {
      replace(listPane, h('p', { class: 'problem', role: 'alert' }, error.message));
      return;
    }
    const wanted = /^edit\/(.+)$/.exec(param ?? '')?.[1];
    if (wanted) {
      const record = records.find((r) => r.id === wanted);
      if (record) {
        if (editing?.id !== record.id) openEditor(record);
        else renderList();
        return;
      }
      toast(`That ${config.noun} is no longer on record. It may have been deleted.`);
      leaveEditRoute();
    }
    renderList();
    if (!editing) renderEditorHint();
  }

  /** Once the editor closes, the address no longer names the record being edited. */
  function leaveEditRoute() {
    if (location.hash.startsWith(`#${config.id}/`)) history.replaceState(null, '', `#${config.id}`);
  }

  function visible() {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    return records.filter((r) => {
      const text = config.searchText(r).toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }

  function renderList() {
    if (records.length === 0) {
      replace(listPane, h('div', { class: 'empty', testid: `${config.noun}-empty` },
        h('h2', {}, config.emptyTitle), h('p', {}, config.emptyText),
        h('button', { type: 'button', class: 'primary', onclick: () => openEditor({}) }, config.addLabel)));
      return;
    }
    const shown = visible();
    const open = config.open ?? openEditor;
    const rows = shown.slice(0, limit).map((record) => h('tr', {
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
    replace(listPane,
      h('table', { class: 'records', testid: `${config.noun}-list` },
        h('caption', { class: 'visually-hidden' }, config.title),
        h('thead', {}, h('tr', {}, config.columns.map((c) => h('th', { scope: 'col' }, c.label)))),
        h('tbody', {}, rows)),
      shown.length === 0 ? h('p', { class: 'muted' }, `No ${plural} match “${filter.value}”.`) : null,
      h('p', { class: 'count muted', testid: `${config.noun}-count` }, countLine(Math.min(limit, shown.length), shown.length)),
      shown.length > limit ? h('button', {
        type: 'button', class: 'link show-more', testid: `${config.noun}-show-more`,
        onclick: () => {
          const first = limit;
          limit += PAGE;
          renderList();
          listPane.querySelectorAll('tbody tr')[first]?.querySelector('.row-link')?.focus();
        },
      }, `Show ${Math.min(PAGE, shown.length - limit)} more of ${shown.length - limit}`) : null,
      // Where public data is listed, its licence says so (config.credit gives the line, or null).
      config.credit?.(records) ? h('p', { class: 'list-credit muted', testid: `${config.id}-credit` }, config.credit(records)) : null);
  }

  /** "651 representatives", "12 of 651 representatives" (filtered), "200 of 651 representatives
   *  shown" (a page of them). */
  function countLine(drawn, matching) {
    const total = counted(records.length);
    const of = matching === records.length ? total : `${matching} of ${total}`;
    return drawn === matching ? of : `${drawn} of ${matching === records.length ? total : `${matching} matching`} shown`;
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
    const specs = config.fields(context);
    const values = isNew ? config.blank(context) : config.valuesOf(record);
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
      if (path) toast(`Saved ${counted(records.length)} to ${path}.`);
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
