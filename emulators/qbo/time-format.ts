// QBO reports times in the company's zone (sandbox companies are Pacific) with a numeric offset.
const zone = 'America/Los_Angeles';

const offsetFormatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });

// Pacific offsets change only on whole UTC hours, so one Intl lookup per hour is exact (Intl is slow per call).
const offsetByHour = new Map<number, string>();

function offsetAt(ms: number): string {
  const hour = Math.floor(ms / 3600_000);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const name = offsetFormatter.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    offset = name.replace('GMT', '') || '+00:00';
    offsetByHour.set(hour, offset);
  }
  return offset;
}

interface ZonedParts {
  date: string;
  time: string;
  offset: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function zonedParts(d: Date): ZonedParts {
  const offset = offsetAt(d.getTime());
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hh = 0, mm = 0] = offset.slice(1).split(':').map(Number);
  const local = new Date(d.getTime() + sign * (hh * 60 + mm) * 60_000);
  return {
    date: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`,
    offset,
  };
}

/** `2015-10-06T08:50:34-07:00`: the format of `MetaData` times. */
export function qboDateTime(d: Date): string {
  const { date, time, offset } = zonedParts(d);
  return `${date}T${time}${offset}`;
}

/** `2015-10-06T08:50:34.863-07:00`: the format of the top-level `time` field. */
export function qboTimestamp(d: Date): string {
  const { date, time, offset } = zonedParts(d);
  return `${date}T${time}.${String(d.getUTCMilliseconds()).padStart(3, '0')}${offset}`;
}

/** `YYYY-MM-DD` in the company's zone (default `TxnDate`). */
export function qboDate(d: Date): string {
  return zonedParts(d).date;
}

/** Parses an ISO date or date-time as QBO accepts it; a bare date means midnight Pacific. Undefined if invalid. */
export function parseQboInstant(value: string): number | undefined {
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    const noonUtc = new Date(`${trimmed}T12:00:00Z`);
    const offset = zonedParts(noonUtc).offset;
    const ms = Date.parse(`${trimmed}T00:00:00${offset}`);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(trimmed)) return undefined;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : ms;
}
