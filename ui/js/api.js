// The only module that talks to the desktop shell. Every call returns a promise; failures
// reject with an ApiError whose `code` the views switch on and whose `field` names the form
// field the message belongs next to.

export class ApiError extends Error {
  constructor({ code = 'unknown', message = 'Something went wrong.', field = null } = {}) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

const tauri = window.__TAURI__;

async function call(command, args = {}) {
  if (!tauri?.core?.invoke) {
    throw new ApiError({ code: 'no_shell', message: 'Rapport must be opened from its desktop app, not a web browser.' });
  }
  try {
    return await tauri.core.invoke(command, args);
  } catch (error) {
    if (error && typeof error === 'object' && 'code' in error) throw new ApiError(error);
    throw new ApiError({ code: 'unknown', message: String(error) });
  }
}

export const api = {
  setupStatus: () => call('setup_status'),
  setUp: (input) => call('set_up', { input }),
  catalogue: () => call('catalogue'),

  listPeople: () => call('list_people'),
  /** A page of the people whose name, role, organisation, email or kind holds every word of
   *  `text` (case and accents ignored) and who are of one of `kinds` (person kind codes; empty:
   *  every kind), by name: resolves to { items, total }. */
  peoplePage: ({ text = '', limit = 200, offset = 0, kinds = [] } = {}) => call('people_page', { query: { text, limit, offset, kinds } }),
  getPerson: (id) => call('get_person', { id }),
  savePerson: (input) => call('save_person', { input }),
  deletePerson: (id) => call('delete_person', { id }),
  restorePerson: (id) => call('restore_person', { id }),

  listRepresentatives: () => call('list_representatives'),
  /** A page of the representatives whose name, party, seat or office ("MP", "Former MP") holds
   *  every word of `text`, by name: resolves to { items, total }. */
  representativesPage: ({ text = '', limit = 200, offset = 0 } = {}) => call('representatives_page', { query: { text, limit, offset } }),
  getRepresentative: (id) => call('get_representative', { id }),
  saveRepresentative: (input) => call('save_representative', { input }),
  deleteRepresentative: (id) => call('delete_representative', { id }),
  restoreRepresentative: (id) => call('restore_representative', { id }),

  saveInteraction: (input) => call('save_interaction', { input }),
  getInteraction: (id) => call('get_interaction', { id }),
  listInteractions: ({ representativeId = null, limit = 50, offset = 0 } = {}) => call('list_interactions', { representativeId, limit, offset }),
  deleteInteraction: (id) => call('delete_interaction', { id }),
  listCampaigns: () => call('list_campaigns'),
  representativeProfile: (id, timelineLimit = 20) => call('representative_profile', { id, timelineLimit }),
  representativeTimeline: (id, limit, offset) => call('representative_timeline', { id, limit, offset }),
  seatHistory: (id) => call('seat_history', { id }),
  coveredSeats: () => call('covered_seats'),
  coverSeat: (name, kind = 'westminster') => call('cover_seat', { name, kind }),
  uncoverSeat: (id) => call('uncover_seat', { id }),
  listAsks: (filter = {}) => call('list_asks', { filter }),
  listCommitments: (filter = {}) => call('list_commitments', { filter }),
  /** A page of a list: the filter's `limit` and `offset`; resolves to { items, total }. */
  asksPage: (filter = {}) => call('asks_page', { filter }),
  commitmentsPage: (filter = {}) => call('commitments_page', { filter }),
  changeStatus: (input) => call('change_status', { input }),
  statusHistory: (id) => call('status_history', { id }),
  recordHistory: (table, id) => call('record_history', { table, id }),
  deletedRecords: (limit = 200) => call('deleted_records', { limit }),
  restoreRecord: (table, id) => call('restore_record', { table, id }),
  search: (text, limit = 50) => call('search', { text, limit }),

  // Reminders. A reminder's key is `{ rule, subject_id }`; each change returns the new Agenda.
  agenda: (limits = null) => call('agenda', { limits }),
  // Each action on a reminder answers with the agenda as `limits` lists it (as `agenda`).
  completeReminder: (key, limits = null) => call('complete_reminder', { key, limits }),
  reopenReminder: (key, limits = null) => call('reopen_reminder', { key, limits }),
  snoozeReminder: (key, until, limits = null) => call('snooze_reminder', { key, until, limits }),
  undoReminder: (key, limits = null) => call('undo_reminder', { key, limits }),
  dismissReminder: (key, limits = null) => call('dismiss_reminder', { key, limits }),
  rescheduleReminder: (key, date, limits = null) => call('reschedule_reminder', { key, date, limits }),
  reminderSettings: () => call('reminder_settings'),
  saveReminderSettings: (settings) => call('save_reminder_settings', { settings }),
  /** The path of the .ics file written, or null when the save dialog was cancelled. */
  exportCalendar: () => call('export_calendar'),
  /** Makes the briefing pack (`format` 'pdf' or 'html') for `request` = { representative_id,
   *  meeting_id, include_private, recent }, saves it where the user chooses and opens it. The
   *  path saved to, or null when the save dialog was cancelled. */
  exportBriefing: (request, format = 'pdf') => call('export_briefing', { request, format }),

  // CSV import and export of a list: `list` is 'people' or 'representatives'.
  /** Reads a CSV file's text without writing anything: `{ headers, mapping (a field name or null
   *  per column, suggested from the headings), fields: [{ name, label, required }], sample (the
   *  first rows), rows }`. A file that cannot be read rejects with field 'file'. */
  csvPreview: (list, text) => call('csv_preview', { list, text }),
  /** Imports every row, each column read as `mapping` says (a field name or null per column), or
   *  none: `{ imported, problems: [{ line, column, heading, message }] }`; with any problem,
   *  nothing was written. A mapping the core refuses rejects with field 'mapping'. */
  importCsv: (list, text, mapping) => call('import_csv', { list, text, mapping }),
  /** Saves the list as CSV where the user chooses: the path, or null when the dialog was cancelled. */
  exportCsv: (list) => call('export_csv', { list }),

  // Public data, fetched over the internet only when the person asks.
  /** Asks postcodes.io and the UK Parliament who represents `postcode`: `{ postcode (tidied),
   *  constituency, constituency_code, scottish_constituency, member: { id, name, party,
   *  constituency, thumbnail_url, since } or null (a vacant seat), credits: [text] }`. Rejects
   *  with field 'postcode' (malformed or unknown) or 'network' (offline, slow or an odd answer). */
  lookupPostcode: (postcode) => call('lookup_postcode', { postcode }),
  /** Puts a member found by lookupPostcode on record, once: { representative, added } (added is
   *  false, and the representative the one on record, if they already were). */
  addMember: (member) => call('add_member', { member }),
  /** Asks Parliament about an MP on record: { refresh, changes: [{what, before, after}], credit }.
   *  Nothing is written until applyRefresh is given the same `refresh`. */
  refreshPreview: (id) => call('refresh_preview', { id }),
  applyRefresh: (id, refresh) => call('apply_refresh', { id, refresh }),
  /** The import of every current MP: { running, fetched, total, summary, error, last, credit }. */
  membersImportStatus: () => call('members_import_status'),
  startMembersImport: () => call('start_members_import'),
  cancelMembersImport: () => call('cancel_members_import'),

  /** { templates: [{id, name, purpose, subject, body, shipped, edited}], fields: [{name, meaning, example}] } */
  letterTemplates: () => call('letter_templates'),
  /** input: { id?, name, purpose, subject, body }; an unknown {{field}} rejects with field 'body' or 'subject'. */
  saveLetterTemplate: (input) => call('save_letter_template', { input }),
  /** Deletes the group's own template, or restores a shipped one's words; resolves to the templates. */
  removeLetterTemplate: (id) => call('remove_letter_template', { id }),
  /** request: { template_id, representative_id, meeting_id?, letter_id? } →
   *  { template, draft: {subject, body}, representative_id, representative_name, email, in_reply_to_id } */
  draftLetter: (request) => call('draft_letter', { request }),
  emailLetter: (representativeId, draft) => call('email_letter', { representativeId, draft }),
  /** Saves the draft as an A4 PDF letter (native save dialog); resolves to the path, or null if cancelled. */
  saveLetterPdf: (representativeId, draft) => call('save_letter_pdf', { representativeId, draft }),
  /** sent: { representative_id, kind: 'letter'|'email', subject, body, in_reply_to_id? } → the logged interaction. */
  logLetterSent: (sent) => call('log_letter_sent', { sent }),
  /** Works even when the database could not be opened: { backups: [{path, taken_at, reason, reason_label, bytes}],
   *  folder, problem: ApiError-shaped or null, newest_good: a backup or null (only when there is a problem) } */
  backupsOverview: () => call('backups_overview'),
  /** Copies the database to a file the person chooses (native dialog); the path, or null if cancelled. */
  backUpNow: () => call('back_up_now'),
  /** Replaces the database with a backup (a path from backupsOverview, or null to choose a file); checked
   *  first, what it replaces is kept. Resolves to { restored: path, kept: path|null }, or null if cancelled. */
  restoreBackup: (path = null) => call('restore_backup', { path }),
  organisationAddress: () => call('organisation_address'),
  setOrganisationAddress: (address) => call('set_organisation_address', { address }),
  /** "Try it with sample data": { exploring } is true while the sample, not your own record, is open. */
  sampleStatus: () => call('sample_status'),
  /** Makes a fresh sample (in a file of its own, dated around today) and opens it; resolves to its set-up status. */
  exploreSample: () => call('explore_sample'),
  /** Closes the sample and opens your own record again; resolves to its set-up status (empty until set up). */
  leaveSample: () => call('leave_sample'),
};
