// UK formats for what people read: "24 November 2026", "24/11/2026", Europe/London time.

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

/** "24 November 2026" from a stored UTC instant ("2026-11-24T09:30:00.000Z"). */
export function longDate(instant) {
  if (!instant) return '';
  const at = new Date(instant);
  return Number.isNaN(at.getTime()) ? '' : LONG_DATE.format(at);
}

/** "24 November 2026 at 09:30". */
export function dateTime(instant) {
  if (!instant) return '';
  const at = new Date(instant);
  return Number.isNaN(at.getTime()) ? '' : `${LONG_DATE.format(at)} at ${TIME.format(at)}`;
}

/** "Recorded by Amira Khan on 24 November 2026; last changed by …". */
export function recordLine(record) {
  if (!record) return '';
  let line = `Recorded by ${record.created_by || 'someone unknown'} on ${longDate(record.created_at)}`;
  if (record.updated_at !== record.created_at) {
    line += `; last changed by ${record.updated_by || 'someone unknown'} on ${dateTime(record.updated_at)}`;
  }
  return `${line}.`;
}

/** The greeting for the hour in London. */
export function greeting(now = new Date()) {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Europe/London' }).format(now));
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "24 November 2026" from a stored calendar date ("2026-11-24"). */
export function longDay(isoDate) {
  if (!isoDate) return '';
  const at = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(at.getTime()) ? isoDate : DAY_FORMAT.format(at);
}

/** "24/11/2026" from a stored calendar date, as date fields show it. */
export function shortDay(isoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : (isoDate ?? '');
}

/** The London calendar date of an instant, as a date field shows it: "24/11/2026". */
export function londonDateField(instant) {
  const at = new Date(instant);
  return Number.isNaN(at.getTime()) ? '' : new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/London' }).format(at);
}

/** The London time of an instant, as a time field shows it: "14:30". */
export function londonTimeField(instant) {
  const at = new Date(instant);
  return Number.isNaN(at.getTime()) ? '' : TIME.format(at);
}

/** `label('ask_statuses', 'made')` → "Made": a stored code as people read it, from the catalogue. */
export function labeller(catalogue) {
  return (list, code) => catalogue[list]?.find((c) => c.code === code)?.label ?? code;
}

const WEEKDAY_PARTS = {
  long: new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  short: new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
};

/** "Monday 30 November" (or "Mon 30 Nov" when `short`) from a stored calendar date, with the
 *  year only when `withYear`. Built from parts, so no comma creeps in whatever the ICU version. */
export function dayInWords(isoDate, { short = false, withYear = false } = {}) {
  if (!isoDate) return '';
  const at = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return isoDate;
  const part = Object.fromEntries(WEEKDAY_PARTS[short ? 'short' : 'long'].formatToParts(at).map((p) => [p.type, p.value]));
  return `${part.weekday} ${part.day} ${part.month}${withYear ? ` ${part.year}` : ''}`;
}

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London',
});

/** "Thursday 26 November 2026 at 10:00": an instant as London's calendar and clock show it. */
export function londonDayTime(instant) {
  const at = new Date(instant);
  if (!instant || Number.isNaN(at.getTime())) return '';
  const part = Object.fromEntries(LONDON_PARTS.formatToParts(at).map((p) => [p.type, p.value]));
  return `${part.weekday} ${part.day} ${part.month} ${part.year} at ${part.hour}:${part.minute}`;
}
