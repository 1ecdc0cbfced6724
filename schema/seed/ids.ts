import { createHash } from 'node:crypto';

/** A stable UUID (v8 layout) derived from a name, so seeding twice touches the same rows. */
export function stableId(name: string): string {
  const h = createHash('sha256').update(`cong-hub:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
