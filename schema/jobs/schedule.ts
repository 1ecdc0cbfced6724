// When a recurring job is due. A schedule is cut into slots (every N ms, or once a day at a
// local time in Asia/Ho_Chi_Minh); each slot gets ONE job whose id is derived from the job's
// name and the slot's start, so every replica that notices the slot inserts the same row and
// the database keeps the first (exactly once per slot, whatever the number of processes).
import { createHash } from 'node:crypto';

/** Viet Nam has kept UTC+07:00 without daylight saving since 1975: a fixed offset is exact. */
export const HUB_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

export type Schedule = { everyMs: number } | { dailyAt: string };

const DAILY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Throws on a schedule that cannot be right (a configuration error, found at boot). */
export function assertSchedule(name: string, s: Schedule): void {
  if ('everyMs' in s) {
    if (!Number.isInteger(s.everyMs) || s.everyMs < 1_000) throw new Error(`job ${name}: everyMs must be an integer ≥ 1000, got ${s.everyMs}`);
  } else if (!DAILY.test(s.dailyAt)) {
    throw new Error(`job ${name}: dailyAt must be HH:MM (24 h, ${HUB_TIME_ZONE}), got ${JSON.stringify(s.dailyAt)}`);
  }
}

/** The start of the slot `now` falls in (the latest occurrence at or before `now`). */
export function slotStart(s: Schedule, now: Date): Date {
  const t = now.getTime();
  if ('everyMs' in s) return new Date(Math.floor(t / s.everyMs) * s.everyMs);
  const [, hh, mm] = DAILY.exec(s.dailyAt) ?? [];
  const localMidnight = Math.floor((t + VN_OFFSET_MS) / DAY_MS) * DAY_MS - VN_OFFSET_MS;
  const today = localMidnight + (Number(hh) * 60 + Number(mm)) * 60_000;
  return new Date(today <= t ? today : today - DAY_MS);
}

/** The next occurrence strictly after `now`. */
export function nextSlot(s: Schedule, now: Date): Date {
  const start = slotStart(s, now).getTime();
  return new Date(start + ('everyMs' in s ? s.everyMs : DAY_MS));
}

export function describeSchedule(s: Schedule): string {
  return 'everyMs' in s ? `every ${s.everyMs} ms` : `daily at ${s.dailyAt} (${HUB_TIME_ZONE})`;
}

/** A UUID (version 8, RFC 9562 "custom") that names one slot of one job, the same in every process. */
export function slotJobId(name: string, slot: Date): string {
  const h = createHash('sha256').update(`${name}\n${slot.toISOString()}`).digest();
  h.writeUInt8((h.readUInt8(6) & 0x0f) | 0x80, 6);
  h.writeUInt8((h.readUInt8(8) & 0x3f) | 0x80, 8);
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
