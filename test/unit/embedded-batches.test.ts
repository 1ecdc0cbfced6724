// The embedded database's socket runs one client's extended-protocol batch whole
// (schema/db/embedded.ts wholeBatches): from its first message to its Sync, the session counts
// as taken, so the socket server's queue runs only that client's messages.
import { describe, expect, it } from 'vitest';
import { wholeBatches } from '../../schema/db/embedded.ts';

const msg = (type: string, body = '') => {
  const text = Buffer.from(body, 'utf8');
  const out = Buffer.alloc(5 + text.length + 1);
  out.write(type, 0, 'latin1');
  out.writeInt32BE(4 + text.length + 1, 1);
  text.copy(out, 5);
  return new Uint8Array(out);
};

function fakeDb() {
  const calls: string[] = [];
  let inTx = false;
  return {
    calls,
    setTransaction: (v: boolean) => (inTx = v),
    db: {
      isInTransaction: () => inTx,
      execProtocolRawStream: async (m: Uint8Array) => {
        calls.push(String.fromCharCode(m[0]!));
      },
      exec: async (q: string) => {
        calls.push(q);
        return [];
      },
    },
  };
}

describe('embedded database: whole protocol batches', () => {
  it('counts the session taken from a Parse to its Sync, and free after a simple query', async () => {
    const f = fakeDb();
    const db = wholeBatches(f.db as never) as unknown as typeof f.db;
    expect(db.isInTransaction()).toBe(false);
    for (const t of ['P', 'B', 'D', 'E']) {
      await db.execProtocolRawStream(msg(t));
      expect(db.isInTransaction()).toBe(true);
    }
    await db.execProtocolRawStream(msg('S'));
    expect(db.isInTransaction()).toBe(false);
    await db.execProtocolRawStream(msg('Q', 'SELECT 1'));
    expect(db.isInTransaction()).toBe(false);
    expect(f.calls).toEqual(['P', 'B', 'D', 'E', 'S', 'Q']);
  });

  it('keeps a real transaction taken after its batches end, as PGlite says', async () => {
    const f = fakeDb();
    const db = wholeBatches(f.db as never) as unknown as typeof f.db;
    f.setTransaction(true);
    await db.execProtocolRawStream(msg('S'));
    expect(db.isInTransaction()).toBe(true);
  });

  it('a COPY from the client holds the session until its end; a client leaving mid-batch is rolled back and frees it', async () => {
    const f = fakeDb();
    const db = wholeBatches(f.db as never) as unknown as typeof f.db;
    await db.execProtocolRawStream(msg('Q', 'COPY t FROM STDIN'));
    expect(db.isInTransaction()).toBe(true);
    await db.execProtocolRawStream(msg('d', '1\n'));
    expect(db.isInTransaction()).toBe(true);
    await db.execProtocolRawStream(msg('c'));
    expect(db.isInTransaction()).toBe(false);
    await db.execProtocolRawStream(msg('P'));
    expect(db.isInTransaction()).toBe(true);
    await db.exec('ROLLBACK');
    expect(db.isInTransaction()).toBe(false);
  });
});
