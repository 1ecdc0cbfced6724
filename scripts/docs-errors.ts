// Writes the README's error-code table from the registry in schema/errors.ts, so the docs
// cannot drift from the code. `--check` fails when the README is stale.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCodes } from '../schema/errors.ts';

const README = path.resolve(import.meta.dirname, '../README.md');
const START = '<!-- errors:start -->';
const END = '<!-- errors:end -->';

function errorTable(): string {
  const rows = Object.entries(ErrorCodes).map(([code, { http, description }]) => `| \`${code}\` | ${http} | ${description} |`);
  return ['| code | HTTP | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

const readme = await readFile(README, 'utf8');
const [before, rest] = readme.split(START);
const after = rest?.split(END)[1];
if (before === undefined || after === undefined) {
  console.error(`README.md lacks the ${START} … ${END} markers`);
  process.exit(1);
}
const next = `${before}${START}\n${errorTable()}\n${END}${after}`;
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README error table is stale: run npm run docs:errors');
    process.exit(1);
  }
  console.log('README error table is current');
} else {
  await writeFile(README, next);
  console.log('README error table written');
}
