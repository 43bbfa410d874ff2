// Settings, "Letters": our postal address for the top of a PDF letter, and the letter templates.
// The templates Rapport ships can be edited (and their shipped words restored, with an Undo), and
// the group can add its own (and delete them, after asking). The merge fields are listed beside
// the editor; pressing one puts `{{field}}` in at the cursor. A template naming a field Rapport
// does not know is refused beside the box that names it, and the form keeps what was typed.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { labeller } from '../format.js';
import { clearErrors, showError } from '../form.js';
import { toast } from '../toast.js';

const FORM_ID = 'template-form';
const STARTER_BODY = '{{salutation}}\n\n\n\nYours sincerely,\n\n{{signatory}}\n{{signatory_role}}';

/** The mark beside a template in the list. */
function markOf(t) {
  if (t.shipped && t.edited) return { text: 'Edited', code: 'edited' };
  if (t.shipped) return { text: 'Shipped', code: 'shipped' };
  return { text: 'Our own', code: 'own' };
}

/** A labelled control with its error slot, as form.js lays fields out, with the letter
 *  editor's own test ids (`template-NAME`, `error-template-NAME`). A tall box (the letter) has
 *  its error between the label and the box, where it is seen without scrolling. */
function editorField(name, labelText, control, { hint = null, tall = false } = {}) {
  const id = `${FORM_ID}-${name}`;
  control.id = id;
  control.name = name;
  control.dataset.testid = `template-${name}`;
  control.setAttribute('aria-describedby', [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' '));
  const error = h('p', { class: 'error', id: `${id}-error`, testid: `error-template-${name}`, hidden: true });
  return h('div', { class: `field template-field-${name}` },
    h('label', { for: id }, labelText),
    tall ? error : null,
    control,
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    tall ? null : error);
}

export function lettersSettings(catalogue) {
  const label = labeller(catalogue);

  // ----- our address -----

  const address = h('textarea', {
    id: 'org-address', name: 'address', testid: 'org-address', rows: 4, autocomplete: 'street-address',
    'aria-describedby': 'org-address-hint org-address-error',
  });
  const addressError = h('p', { class: 'error', id: 'org-address-error', testid: 'error-org-address', hidden: true });
  const addressSave = h('button', { type: 'submit', class: 'primary', testid: 'org-address-save' }, 'Save address');
  const addressForm = h('form', { class: 'org-address-form', testid: 'org-address-form', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'org-address' }, 'Our address (for letters)'),
      address,
      h('p', { class: 'hint', id: 'org-address-hint' },
        'One line each, as it goes at the top of a letter, under our organisation’s name.'),
      addressError),
    h('div', { class: 'actions' }, addressSave));
  addressForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    addressError.hidden = true;
    address.removeAttribute('aria-invalid');
    addressSave.disabled = true;
    try {
      address.value = (await api.setOrganisationAddress(address.value.trim() ? address.value : null)) ?? '';
      toast('Saved.');
    } catch (failure) {
      addressError.textContent = failure.message;
      addressError.hidden = false;
      address.setAttribute('aria-invalid', 'true');
      address.focus();
    } finally {
      addressSave.disabled = false;
    }
  });

  // ----- the template editor -----

  let templates = [];
  let fields = [];
  let chosen = null;        // the template in the form (null: a new one)
  let loaded = null;        // the form's values as last loaded, to tell a change
  let lastBox = null;       // the subject or body last in use, where a field goes in

  const list = h('ul', { class: 'template-list', testid: 'template-list', 'aria-label': 'Templates' });
  const newButton = h('button', { type: 'button', class: 'template-new', testid: 'template-new' }, '+ New template');

  const nameBox = h('input', { autocomplete: 'off' });
  const purposeBox = h('select', {}, catalogue.template_purposes.map((p) => h('option', { value: p.code }, p.label)));
  const subjectBox = h('input', { autocomplete: 'off' });
  const bodyBox = h('textarea', { rows: 16, spellcheck: 'true' });
  const purposeField = editorField('purpose', 'What it is for', purposeBox,
    { hint: 'A shipped template keeps its purpose.' });
  const purposeHint = purposeField.querySelector('.hint');

  const formTitle = h('h3', { id: 'template-form-title', testid: 'template-form-title', tabindex: '-1' });
  const formMessage = h('p', { class: 'form-message', role: 'alert', tabindex: '-1', testid: 'template-message', hidden: true });
  const saveButton = h('button', { type: 'submit', class: 'primary', testid: 'template-save' }, 'Save template');
  const restoreButton = h('button', { type: 'button', testid: 'template-restore' }, 'Restore the shipped words');
  const deleteButton = h('button', { type: 'button', class: 'danger', testid: 'template-delete' }, 'Delete');
  const confirmText = h('p', { id: 'template-delete-text' });
  const confirmDelete = h('button', { type: 'button', class: 'danger-solid', testid: 'template-delete-confirm' }, 'Delete it');
  const keepButton = h('button', { type: 'button', testid: 'template-delete-cancel' }, 'Keep it');
  const confirmPanel = h('div', {
    class: 'template-confirm', testid: 'template-delete-panel', role: 'alertdialog', 'aria-labelledby': 'template-delete-text', hidden: true,
  }, confirmText, h('div', { class: 'actions' }, confirmDelete, keepButton));

  const form = h('form', { class: 'template-form', id: FORM_ID, testid: 'template-form', novalidate: true, 'aria-labelledby': 'template-form-title' },
    formTitle,
    formMessage,
    h('div', { class: 'template-meta' },
      editorField('name', 'Name', nameBox),
      purposeField),
    editorField('subject', 'Subject', subjectBox),
    editorField('body', 'Letter', bodyBox, { tall: true }),
    h('div', { class: 'actions' }, saveButton, restoreButton, deleteButton),
    confirmPanel);

  const fieldList = h('ul', { class: 'merge-fields' });
  const fieldsAside = h('aside', { class: 'template-fields', testid: 'template-fields', 'aria-labelledby': 'template-fields-title' },
    h('h3', { id: 'template-fields-title' }, 'Merge fields'),
    h('p', { class: 'hint', id: 'template-fields-hint' },
      'Press one to put it in where the cursor is, in the subject or the letter. Rapport fills it in from the record.'),
    fieldList);

  const editor = h('div', { class: 'template-editor', testid: 'settings-templates' },
    h('div', { class: 'template-pick' }, list),
    form,
    fieldsAside);

  const el = h('section', { class: 'settings-card wide letters-settings', testid: 'settings-letters', 'aria-labelledby': 'settings-letters-title' },
    h('h2', { id: 'settings-letters-title' }, 'Letters'),
    h('p', { class: 'muted small' },
      'Letters and emails are written from these templates and the record. The person writing can change any word before it goes.'),
    addressForm,
    h('h3', { class: 'letters-subhead', id: 'settings-templates-title' }, 'Templates'),
    editor);

  // ----- drawing -----

  const values = () => ({ name: nameBox.value, purpose: purposeBox.value, subject: subjectBox.value, body: bodyBox.value });
  const isChanged = () => loaded !== null && JSON.stringify(values()) !== JSON.stringify(loaded);

  const purposeLabel = (t) => label('template_purposes', t.purpose);

  function renderList() {
    replace(list, templates.map((t) => {
      const mark = markOf(t);
      return h('li', {}, h('button', {
        type: 'button', class: 'template-item', testid: 'template-item', dataset: { id: t.id },
        'aria-current': chosen?.id === t.id ? 'true' : null,
        onclick: () => choose(t.id),
      },
      h('span', { class: 'template-item-name' }, t.name),
      h('span', { class: 'template-item-meta' },
        // A shipped template is named after its purpose: said once.
        purposeLabel(t) !== t.name ? h('span', { class: 'muted' }, purposeLabel(t)) : null,
        h('span', { class: `chip template-mark mark-${mark.code}`, testid: 'template-mark' }, mark.text))));
    }), h('li', { class: 'template-new-tile' }, newButton));
  }

  function renderFields() {
    replace(fieldList, fields.map((f) => h('li', { class: 'merge-field' },
      h('button', {
        type: 'button', class: 'field-insert', testid: 'template-field', dataset: { field: f.name },
        'aria-describedby': `merge-${f.name}-meaning`, title: `Put {{${f.name}}} in at the cursor`,
        // Keep the cursor where it is in the box: the button takes no focus from a mouse press.
        onmousedown: (event) => event.preventDefault(),
        onclick: () => insertField(f.name),
      }, `{{${f.name}}}`),
      h('span', { class: 'merge-meaning', id: `merge-${f.name}-meaning` }, f.meaning,
        f.example ? h('span', { class: 'merge-example' }, ` e.g. ${f.example}`) : null))));
  }

  /** Fills the form with `t` (or a blank new template). */
  function fill(t) {
    chosen = t;
    clearErrors(form);
    confirmPanel.hidden = true;
    nameBox.value = t?.name ?? '';
    purposeBox.value = t?.purpose ?? 'other';
    subjectBox.value = t?.subject ?? '';
    bodyBox.value = t?.body ?? STARTER_BODY;
    purposeBox.disabled = Boolean(t?.shipped);
    purposeHint.hidden = !t?.shipped;
    formTitle.textContent = t ? t.name : 'New template';
    restoreButton.hidden = !(t?.shipped && t.edited);
    deleteButton.hidden = !t || t.shipped;
    loaded = values();
    renderList();
  }

  /** Asks before a change typed into the form is lost; true to go on. */
  function mayLeaveForm() {
    return !isChanged() || window.confirm('Discard the changes you made to this template?');
  }

  function choose(id) {
    if (chosen?.id === id) return;
    if (!mayLeaveForm()) return;
    fill(templates.find((t) => t.id === id) ?? null);
    nameBox.focus();
  }

  function insertField(name) {
    const box = lastBox ?? bodyBox;
    const text = `{{${name}}}`;
    // Never in either box yet: at the end of the letter.
    const start = lastBox ? box.selectionStart : box.value.length;
    const end = lastBox ? box.selectionEnd : start;
    box.focus();
    box.setRangeText(text, start, end, 'end');
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }

  for (const box of [subjectBox, bodyBox]) box.addEventListener('focus', () => { lastBox = box; });

  // ----- saving, restoring, deleting -----

  /** The templates asked for again, and `selectId` (else the first) in the form; a form with
   *  changes typed in is left as it is. */
  async function reload(selectId, { keepChanges = false } = {}) {
    const next = await api.letterTemplates();
    templates = next.templates;
    fields = next.fields;
    renderFields();
    if (keepChanges && isChanged()) { renderList(); return; }
    fill(templates.find((t) => t.id === selectId) ?? templates[0] ?? null);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    confirmPanel.hidden = true;
    saveButton.disabled = true;
    let saved;
    try {
      saved = await api.saveLetterTemplate({ id: chosen?.id ?? null, ...values() });
    } catch (failure) {
      saveButton.disabled = false;
      showError(form, failure.field && form.elements.namedItem(failure.field) ? failure.field : null, failure.message);
      return;
    }
    saveButton.disabled = false;
    try {
      await reload(saved.id);
    } catch (failure) {
      toast(failure.message);
      return;
    }
    toast(`Saved the template “${saved.name}”.`);
    formTitle.focus();
  });

  restoreButton.addEventListener('click', async () => {
    const edited = chosen;
    if (!edited) return;
    restoreButton.disabled = true;
    try {
      templates = await api.removeLetterTemplate(edited.id);
      fill(templates.find((t) => t.id === edited.id) ?? null);
    } catch (failure) {
      toast(failure.message);
      return;
    } finally {
      restoreButton.disabled = false;
    }
    formTitle.focus();
    toast(`Restored the shipped words of “${chosen?.name ?? edited.name}”.`, {
      label: 'Undo',
      run: async () => {
        try {
          await api.saveLetterTemplate({ id: edited.id, name: edited.name, purpose: edited.purpose, subject: edited.subject, body: edited.body });
          await reload(edited.id);
          toast('Your words are back.');
        } catch (failure) {
          toast(failure.message);
        }
      },
    });
  });

  deleteButton.addEventListener('click', () => {
    if (!chosen) return;
    confirmText.textContent = `Delete the template “${chosen.name}”? Letters already written from it are kept.`;
    confirmPanel.hidden = false;
    keepButton.focus();
  });
  keepButton.addEventListener('click', () => { confirmPanel.hidden = true; deleteButton.focus(); });
  confirmDelete.addEventListener('click', async () => {
    const gone = chosen;
    confirmDelete.disabled = true;
    try {
      templates = await api.removeLetterTemplate(gone.id);
    } catch (failure) {
      confirmDelete.disabled = false;
      showError(form, null, failure.message);
      return;
    }
    confirmDelete.disabled = false;
    fill(templates[0] ?? null);
    list.querySelector('[aria-current=true]')?.focus();
    toast(`Deleted the template “${gone.name}”.`, {
      label: 'Undo',
      run: async () => {
        try {
          const back = await api.saveLetterTemplate({ name: gone.name, purpose: gone.purpose, subject: gone.subject, body: gone.body });
          await reload(back.id);
          toast(`Brought back “${back.name}”.`);
        } catch (failure) {
          toast(failure.message);
        }
      },
    });
  });

  newButton.addEventListener('click', () => {
    if (!mayLeaveForm()) return;
    fill(null);
    nameBox.focus();
  });

  // ----- the screen's part -----

  async function show() {
    try {
      const [saved] = await Promise.all([api.organisationAddress(), reload(chosen?.id, { keepChanges: true })]);
      address.value = saved ?? '';
    } catch (error) {
      formMessage.textContent = error.message;
      formMessage.hidden = false;
    }
  }

  /** Leaving Settings with a changed template asks first; false to stay. */
  function leave() {
    if (!mayLeaveForm()) return false;
    loaded = null;
    return true;
  }

  return { el, show, leave };
}
