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
