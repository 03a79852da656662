// Dates and times the way people read them: "14:05", "Yesterday", "Mon", "24 Nov".
const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: "long" });
const shortWeekday = new Intl.DateTimeFormat(undefined, { weekday: "short" });
const dayMonth = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });
const fullDay = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" });

function startOfDay(date) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

function daysAgo(date, now = new Date()) {
  return Math.round((startOfDay(now) - startOfDay(date)) / 86400000);
}

export function dayKey(iso) {
  const date = iso ? new Date(iso) : new Date();
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

/** The label of a day separator. */
export function dayLabel(iso) {
  const date = iso ? new Date(iso) : new Date();
  const ago = daysAgo(date);
  if (ago === 0) return "Today";
  if (ago === 1) return "Yesterday";
  if (ago < 7) return weekday.format(date);
  return fullDay.format(date);
}

export function clock(iso) {
  return time.format(new Date(iso));
}

export function fullDateTime(iso) {
  return full.format(new Date(iso));
}

/** A short time for lists: "now", "5 min", "14:05", "Yesterday", "Mon", "24 Nov". */
export function shortTime(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  const seconds = (Date.now() - date.getTime()) / 1000;
  if (seconds < 60) return "now";
  if (seconds < 3600) return Math.floor(seconds / 60) + " min";
  const ago = daysAgo(date);
  if (ago === 0) return clock(iso);
  if (ago === 1) return "Yesterday";
  if (ago < 7) return shortWeekday.format(date);
  return dayMonth.format(date);
}

/** "last seen 5 min ago", "last seen yesterday at 14:05"... */
export function lastSeen(iso) {
  if (!iso) return "Offline";
  const seconds = (Date.now() - new Date(iso).getTime()) / 1000;
  if (seconds < 60) return "Last seen just now";
  if (seconds < 3600) return `Last seen ${Math.floor(seconds / 60)} min ago`;
  const ago = daysAgo(new Date(iso));
  if (ago === 0) return "Last seen today at " + clock(iso);
  if (ago === 1) return "Last seen yesterday at " + clock(iso);
  return "Last seen " + dayMonth.format(new Date(iso));
}
