// Warm boots of the one-process hub skip re-seeding an embedded database that was already seeded
// with the same demo data (issue 13: seeding again took ~4 s of every `npm start`). The marker
// sits beside the PGlite data directory and holds a fingerprint of the seed (its sources and data
// files) and of the migrations: change either and the next boot seeds again.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../db/migrator.ts';

const SEED_DIR = import.meta.dirname;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export async function seedFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await filesUnder(SEED_DIR)) hash.update(path.relative(SEED_DIR, file)).update(await readFile(file));
  for (const file of await filesUnder(MIGRATIONS_DIR)) hash.update(path.relative(MIGRATIONS_DIR, file));
  return hash.digest('hex');
}

/** Where the marker of an embedded data directory lives (beside it, never inside PGlite's files). */
export const seedMarkerOf = (dataDir: string) => `${path.resolve(dataDir)}.seeded`;

export async function alreadySeeded(dataDir: string, fingerprint: string): Promise<boolean> {
  return (await readFile(seedMarkerOf(dataDir), 'utf8').catch(() => '')) === fingerprint;
}

export async function markSeeded(dataDir: string, fingerprint: string): Promise<void> {
  await writeFile(seedMarkerOf(dataDir), fingerprint);
}
