// "Import CSV…": a modal dialog that imports a list of people or of representatives from a CSV
// file on this computer. The file is read here (no shell permission needed) and the core
// previews it: how many rows, the first few, and which field each column seems to hold (from its
// heading), which the person can change above each column. The import is all or nothing: if any
// row is refused, the rows are listed by line and column, nothing is written, and the dialog
// stays open with the columns as chosen, so the file can be fixed and chosen again. Escape or
// Cancel closes the dialog and the focus goes back to the button that opened it.

import { showModal } from '../modal.js';
import { h, replace } from '../dom.js';
import { api } from '../api.js';

/** The core refuses larger files; saying so here spares reading one into memory first. */
const MAX_BYTES = 20 * 1024 * 1024;
const TOO_BIG = 'This file is larger than 20 MB, far more than a list of people or representatives. Check it is the right file.';
const NOTHING_IMPORTED = 'Nothing was imported. Fix these rows in your file and choose it again.';
const LEAVE_OUT = 'Leave out';

let open = null;   // the dialog on screen, so a second click does not open another

const rowsText = (n) => `${n} ${n === 1 ? 'row' : 'rows'}`;

/** A file's text: UTF-8 if it is (a byte-order mark is dropped), otherwise read as Windows
 *  Western European, which is how older spreadsheets save "CSV" in the UK (a £ sign survives). */
async function readText(file) {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** "Line 3, column 3 (“Postcode”)", as the core words a problem's place. */
function problemPlace(problem) {
  if (problem.column != null && problem.heading) {
    return `Line ${problem.line}, column ${problem.column} (“${problem.heading}”)`;
  }
  if (problem.column != null) return `Line ${problem.line}, column ${problem.column}`;
  return `Line ${problem.line}`;
}

const sameHeadings = (a, b) => a.length === b.length && a.every((heading, i) => heading === b[i]);

/**
 * openCsvImport({
 *   list,      // 'people' or 'representatives'
 *   noun,      // 'person': one row's record, in words
 *   plural,    // 'people'
 *   opener,    // where the focus goes back to (the focused element if not given)
 *   imported,  // async (count) => …, once rows are written (the dialog is closed by then)
 * })
 */
export function openCsvImport({ list, noun, plural, opener = document.activeElement, imported }) {
  if (open) { open.focus(); return; }

  let text = null;      // the chosen file's text, once the core could read it
  let preview = null;   // the core's preview of it
  let fileName = '';
  let busy = false;
  let reading = 0;      // which choice of file is current: a later one overtakes an earlier

  // ----- the file -----

  const fileInput = h('input', {
    type: 'file', id: 'csv-file', name: 'file', accept: '.csv,text/csv', testid: 'csv-file',
    'aria-describedby': 'csv-file-hint csv-file-error',
  });
  const fileError = h('p', { class: 'error', id: 'csv-file-error', testid: 'error-file', role: 'alert', hidden: true });
  const status = h('p', { class: 'csv-status', testid: 'csv-count', 'aria-live': 'polite', hidden: true });
  const fileField = h('div', { class: 'field csv-file-field' },
    h('label', { for: 'csv-file' }, 'CSV file'),
    fileInput,
    h('p', { class: 'hint', id: 'csv-file-hint' },
      `Save the list from your spreadsheet as CSV, with the column names on the first line: one row for each ${noun}.`),
    fileError,
    status);

  // ----- the problems of the last attempt -----

  const problemList = h('ul', { class: 'csv-problem-list', testid: 'csv-problems' });
  const problemsBox = h('div', {
    class: 'csv-problems', testid: 'csv-problems-box', role: 'region', tabindex: '-1',
    'aria-labelledby': 'csv-problems-summary', hidden: true,
  },
  h('p', { class: 'csv-summary', id: 'csv-problems-summary', testid: 'csv-summary' }, NOTHING_IMPORTED),
  problemList);

  // ----- the preview: what each column holds, above the first rows -----

  const mappingError = h('p', { class: 'form-message', testid: 'csv-mapping-error', role: 'alert', hidden: true });
  const table = h('table', { class: 'csv-table' });
  const tableWrap = h('div', {
    class: 'csv-table-wrap', role: 'region', tabindex: '0', 'aria-label': 'The first rows of the file',
  }, table);
  const previewBox = h('section', { class: 'csv-preview', 'aria-labelledby': 'csv-preview-title', hidden: true },
    h('h3', { id: 'csv-preview-title' }, 'What each column holds'),
    h('p', { class: 'hint' },
      'Rapport has guessed from the column names. Check each one; a column set to “Leave out” is not imported.'),
    mappingError,
    tableWrap);

  // ----- the dialog -----

  const message = h('p', { class: 'form-message', role: 'alert', tabindex: '-1', testid: 'csv-message', hidden: true });
  const importButton = h('button', { type: 'submit', class: 'primary', testid: 'csv-import', disabled: true }, 'Import');
  const form = h('form', { class: 'csv-form', testid: 'csv-form', novalidate: true },
    h('header', { class: 'csv-head' },
      h('h2', { id: 'csv-title', testid: 'csv-title' }, `Import ${plural} from a CSV file`),
      h('p', { class: 'lede' },
        `Add many ${plural} at once from a spreadsheet. Every row is checked first: if any row has a problem, nothing is imported.`)),
    message,
    fileField,
    problemsBox,
    previewBox,
    h('div', { class: 'dialog-actions csv-actions' },
      importButton,
      h('button', { type: 'button', testid: 'csv-cancel', onclick: () => dialog.close() }, 'Cancel')));
  const dialog = h('dialog', { class: 'csv-dialog', testid: 'csv-dialog', 'aria-labelledby': 'csv-title' }, form);

  const selects = () => [...table.querySelectorAll('select')];
  const chosenMapping = () => selects().map((select) => select.value || null);

  function clearMessages() {
    for (const slot of [message, fileError, mappingError]) { slot.hidden = true; slot.textContent = ''; }
    fileInput.removeAttribute('aria-invalid');
    for (const select of selects()) select.removeAttribute('aria-invalid');
  }

  function clearProblems() {
    problemsBox.hidden = true;
    replace(problemList);
  }

  function setImportButton() {
    const rows = preview?.rows ?? 0;
    importButton.textContent = preview ? `Import ${rowsText(rows)}` : 'Import';
    importButton.disabled = busy || !text || rows === 0;
  }

  function showFileError(text) {
    fileError.textContent = text;
    fileError.hidden = false;
    fileInput.setAttribute('aria-invalid', 'true');
    fileInput.focus();
  }

  function showMessage(text) {
    message.textContent = text;
    message.hidden = false;
    message.focus();
  }

  /** The mapping refused: the message above the selects, the columns it is about marked, and
   *  the focus on the first of them (or the first column). */
  function showMappingError(text) {
    mappingError.textContent = text;
    mappingError.hidden = false;
    const all = selects();
    const counts = new Map();
    for (const select of all) if (select.value) counts.set(select.value, (counts.get(select.value) ?? 0) + 1);
    const twice = all.filter((select) => counts.get(select.value) > 1);
    for (const select of twice) select.setAttribute('aria-invalid', 'true');
    (twice[0] ?? all[0])?.focus();
  }

  function columnChanged(index) {
    mappingError.hidden = true;
    for (const select of selects()) select.removeAttribute('aria-invalid');
    const left = !selects()[index].value;
    for (const cell of table.querySelectorAll(`[data-column="${index}"]`)) cell.classList.toggle('left-out', left);
  }

  function renderPreview(mapping) {
    const fields = preview.fields;
    const heads = preview.headers.map((heading, index) => {
      const id = `csv-map-${index}`;
      const select = h('select', { id, name: `map-${index}`, testid: id, onchange: () => columnChanged(index) },
        h('option', { value: '' }, LEAVE_OUT),
        fields.map((f) => h('option', { value: f.name }, f.required ? `${f.label} (required)` : f.label)));
      select.value = mapping[index] ?? '';
      return h('th', { scope: 'col', 'data-column': String(index), class: select.value ? null : 'left-out' },
        h('label', { for: id, class: 'csv-heading' },
          h('span', { class: 'visually-hidden' }, `Column ${index + 1}: `),
          heading || h('span', { class: 'muted' }, `Column ${index + 1}`),
          h('span', { class: 'visually-hidden' }, ', holds')),
        select);
    });
    const rows = preview.sample.map((row) => h('tr', {},
      preview.headers.map((_, index) => {
        const value = row[index] ?? '';
        return h('td', {
          'data-column': String(index), class: mapping[index] ? null : 'left-out', title: value.length > 40 ? value : null,
        }, value);
      })));
    replace(table,
      h('caption', { class: 'visually-hidden' }, `The first rows of ${fileName}, with the field each column holds`),
      h('thead', {}, h('tr', {}, heads)),
      h('tbody', {}, rows));
    previewBox.hidden = false;
  }

  function sayWhatWasFound() {
    const rows = preview.rows;
    const shown = preview.sample.length;
    status.textContent = rows === 0
      ? `No rows found in “${fileName}”: it has column names but nothing under them.`
      : `${rowsText(rows)} found in “${fileName}”.${shown < rows ? ` The first ${shown} are shown below.` : ''}`;
    status.hidden = false;
  }

  async function choose(file) {
    if (!file) return;   // the file chooser was cancelled: keep what was there
    const mine = ++reading;
    clearMessages();
    clearProblems();
    text = null;
    setImportButton();
    status.textContent = `Reading “${file.name}”…`;
    status.hidden = false;
    let read;
    let found;
    try {
      if (file.size > MAX_BYTES) throw Object.assign(new Error(TOO_BIG), { field: 'file' });
      read = await readText(file);
      found = await api.csvPreview(list, read);
    } catch (failure) {
      if (mine !== reading) return;
      preview = null;
      previewBox.hidden = true;
      status.hidden = true;
      setImportButton();
      if (failure.field === 'file' || !failure.field) showFileError(failure.message);
      else showMessage(failure.message);
      return;
    }
    if (mine !== reading) return;
    // The same columns as the file chosen before (the file fixed and chosen again): keep the
    // columns as the person set them.
    const mapping = preview && sameHeadings(preview.headers, found.headers) ? chosenMapping() : found.mapping;
    text = read;
    preview = found;
    fileName = file.name;
    sayWhatWasFound();
    renderPreview(mapping);
    setImportButton();
  }

  function showProblems(problems) {
    replace(problemList, problems.map((problem) => h('li', { testid: 'csv-problem' },
      h('strong', {}, `${problemPlace(problem)}:`), ` ${problem.message}`)));
    problemsBox.hidden = false;
    // The fixed file is chosen again through the same control; clearing it lets a file of the
    // same name count as a new choice. What was read stays until then, columns and all.
    fileInput.value = '';
    status.textContent = `${rowsText(preview.rows)} in “${fileName}”: nothing imported.`;
    problemsBox.focus();
    problemsBox.scrollIntoView({ block: 'nearest' });
  }

  function setBusy(on) {
    busy = on;
    fileInput.disabled = on;
    for (const select of selects()) select.disabled = on;
    if (on) importButton.setAttribute('aria-busy', 'true'); else importButton.removeAttribute('aria-busy');
    setImportButton();
    if (on) importButton.textContent = 'Importing…';
  }

  fileInput.addEventListener('change', () => choose(fileInput.files[0]));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy || !text) return;
    clearMessages();
    const mapping = chosenMapping();
    setBusy(true);
    let outcome;
    try {
      outcome = await api.importCsv(list, text, mapping);
    } catch (failure) {
      setBusy(false);
      if (failure.field === 'mapping') showMappingError(failure.message);
      else if (failure.field === 'file') showFileError(failure.message);
      else showMessage(failure.message);
      return;
    }
    setBusy(false);
    if (outcome.problems.length > 0) {
      showProblems(outcome.problems);
      return;
    }
    clearProblems();
    dialog.close();
    await imported(outcome.imported);
  });

  open = dialog;
  showModal(dialog, { opener, isBusy: () => busy, onClose: () => { open = null; }, focus: fileInput });
}
