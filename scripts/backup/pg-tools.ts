// PostgreSQL's own client tools for backups of a server database: `pg_dump -Fc` writes the rows,
// `pg_restore` reads them back. They are used only when present and of the server's major
// version (pg_dump refuses a newer server, and a dump is only certain to restore with its own
// release); otherwise the hub's logical export is used and the reason logged.
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import { BackupError } from './format.ts';
import { quoteIdent } from './sql.ts';

const run = promisify(execFile);

export interface PgTool {
  name: 'pg_dump' | 'pg_restore';
  path: string;
  major: number;
  /** e.g. "pg_dump (PostgreSQL) 15.20". */
  version: string;
}

/** The tool on the PATH (or in `binDir`), with its major version; null when absent. */
export async function findPgTool(name: PgTool['name'], binDir?: string): Promise<PgTool | null> {
  const bin = binDir ? path.join(binDir, name) : name;
  try {
    const { stdout } = await run(bin, ['--version'], { timeout: 10_000 });
    const m = /\(PostgreSQL\)\s+(\d+)(?:\.\d+)*/.exec(stdout);
    if (!m) return null;
    return { name, path: bin, major: Number(m[1]), version: stdout.trim().split('\n')[0] ?? '' };
  } catch {
    return null;
  }
}

export async function serverMajor(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>("SELECT current_setting('server_version_num') AS n");
  return Math.floor(Number(rows[0]?.n ?? 0) / 10_000);
}

/** The connection for a tool: the URL without its password (not on a command line), which goes in PGPASSWORD. */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Run a tool to the end; stdout goes to `onLine` when given. A non-zero exit is BACKUP_FAILED with its stderr. */
export async function runPgTool(tool: PgTool, args: string[], opts: { url?: string; onLine?: (line: string) => Promise<void> } = {}): Promise<void> {
  const conn = opts.url ? connection(opts.url) : null;
  const child = spawn(tool.path, conn ? [...args, `--dbname=${conn.dbname}`] : args, {
    env: { ...process.env, ...conn?.env, PGAPPNAME: 'cong-hub-backup' },
    stdio: ['ignore', opts.onLine ? 'pipe' : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => {
    if (stderr.length < 4_000) stderr += d;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  try {
    if (opts.onLine && child.stdout) {
      for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) await opts.onLine(line);
    }
  } catch (err) {
    child.kill('SIGKILL');
    await exited.catch(() => null);
    throw err;
  }
  const code = await exited;
  if (code !== 0) throw new BackupError('BACKUP_FAILED', `${tool.name} exited with ${code}: ${stderr.trim().slice(0, 1_000)}`);
}

/** One field of COPY's text format: `\N` is NULL, backslash escapes as PostgreSQL writes them. */
export function copyField(raw: string): string | null {
  if (raw === '\\N') return null;
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw[i]!;
    if (c !== '\\' || i === raw.length - 1) {
      out += c;
      continue;
    }
    const n = raw[++i]!;
    const simple: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    if (n in simple) out += simple[n];
    else if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(raw.slice(i))![0];
      out += String.fromCharCode(parseInt(oct, 8));
      i += oct.length - 1;
    } else if (n === 'x' && /^[0-9a-fA-F]/.test(raw[i + 1] ?? '')) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(raw.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(hex, 16));
      i += hex.length;
    } else out += n;
  }
  return out;
}

const COPY_LINE = /^COPY (\S+) \((.*)\) FROM stdin;$/;

/**
 * Load a custom-format dump through `client` (inside the caller's transaction): pg_restore turns
 * it into SQL on its stdout, and the COPY blocks become batched INSERTs whose text values the
 * server parses with each column's own input function. Used where pg_restore cannot connect to
 * the target itself (embedded PGlite, another major version). Returns rows loaded.
 */
export async function loadDumpThrough(client: pg.Client, pgRestore: PgTool, file: string): Promise<number> {
  let block: { table: string; cols: string[]; rows: (string | null)[][] } | null = null;
  let total = 0;
  const flush = async () => {
    if (!block?.rows.length) return;
    const width = block.cols.length;
    const values = block.rows.map((_, r) => `(${block!.cols.map((__, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
    await client.query(`INSERT INTO ${block.table} (${block.cols.join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${values}`, block.rows.flat());
    total += block.rows.length;
    block.rows = [];
  };
  await runPgTool(pgRestore, ['--data-only', '--no-owner', '--no-privileges', '--file=-', file], {
    onLine: async (line) => {
      if (!block) {
        const m = COPY_LINE.exec(line);
        if (m) block = { table: qualified(m[1]!), cols: m[2]!.split(', ').map(qualified), rows: [] };
        return;
      }
      if (line === '\\.') {
        await flush();
        block = null;
        return;
      }
      block.rows.push(line.split('\t').map(copyField));
      if (block.rows.length * block.cols.length >= 30_000) await flush();
    },
  });
  return total;
}

/** `public.name`, `public."Name"` or a column name as pg_dump writes it, re-quoted (never trusted as SQL). */
function qualified(name: string): string {
  const m = /^(?:("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)\.)?("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)$/.exec(name);
  if (!m) throw new BackupError('BACKUP_TAMPERED', `unexpected table name ${name.slice(0, 80)} in the dump`);
  const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s);
  return [m[1], m[2]]
    .filter((s): s is string => Boolean(s))
    .map((s) => quoteIdent(unquote(s)))
    .join('.');
}
