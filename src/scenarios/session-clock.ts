const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Adds seconds to a naive timestamp: `2025-06-11T16:53` becomes `2025-06-11T16:53:00`. */
export function normalizeTimestamp(timestamp: string): string {
  return timestamp.length === 16 ? `${timestamp}:00` : timestamp;
}

/** The session start as the system prompt words it, e.g. `{ time: '4:53:02 PM', date: 'Wednesday, June 11, 2025' }`. */
export function sessionClock(timestamp: string): { time: string; date: string; timestamp: string } {
  const normalized = normalizeTimestamp(timestamp);
  const at = new Date(`${normalized}Z`);
  const hours = at.getUTCHours();
  const pad = (n: number): string => String(n).padStart(2, '0');
  const time = `${hours % 12 === 0 ? 12 : hours % 12}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
  const date = `${DAYS[at.getUTCDay()]}, ${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()}, ${at.getUTCFullYear()}`;
  return { time, date, timestamp: normalized };
}
