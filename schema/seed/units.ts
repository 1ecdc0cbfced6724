// Administrative units of Vĩnh Phúc before the 1 July 2025 merger and their successors in the
// new Phú Thọ (schema/seed/data/vinh-phuc-units.csv, copied from the project's reference data).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '../db/prisma.ts';
import { foldVietnamese, nfc } from '../text/vietnamese.ts';
import { stableId } from './ids.ts';

const CSV = path.join(import.meta.dirname, 'data/vinh-phuc-units.csv');
const TIERS = { province: 'PROVINCE', district: 'DISTRICT', commune: 'COMMUNE' } as const;

export interface UnitRow {
  code: string;
  name: string;
  kind: string;
  tier: keyof typeof TIERS;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  successorCode: string | null;
  successorName: string | null;
}

export async function readUnits(): Promise<UnitRow[]> {
  const [header, ...lines] = (await readFile(CSV, 'utf8')).trim().split('\n');
  const cols = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const get = (name: string) => {
      const v = cells[cols.indexOf(name)]?.trim();
      return v ? nfc(v) : null;
    };
    const successorCode = get('successor_code');
    return {
      code: get('code')!,
      name: get('name')!,
      kind: get('kind')!,
      tier: get('tier') as UnitRow['tier'],
      parentCode: get('parent_code'),
      validFrom: get('valid_from'),
      validTo: get('valid_to'),
      successorCode,
      successorName: successorCode ? get('successor_name') : null,
    };
  });
}

const date = (s: string | null) => (s ? new Date(`${s}T00:00:00Z`) : null);

export async function seedUnits(prisma: PrismaClient): Promise<number> {
  const units = await readUnits();
  for (const u of units) {
    const id = stableId(`unit:${u.tier}:${u.code}:${u.validFrom ?? ''}:${u.validTo ?? ''}`);
    const data = {
      code: u.code,
      name: u.name,
      kind: u.kind,
      tier: TIERS[u.tier],
      parentCode: u.parentCode,
      validFrom: date(u.validFrom),
      validTo: date(u.validTo),
      successorCode: u.successorCode,
      successorName: u.successorName,
      nameFolded: foldVietnamese(u.name),
    };
    await prisma.administrativeUnit.upsert({ where: { id }, create: { id, ...data }, update: data });
  }
  return units.length;
}
