// A whole test hub whose legal subgraph syncs from fakes of the national legal-document database
// (JSON) and of the official gazette on 127.0.0.1, as in production: the subgraph reads its
// adapters from the process environment at start, so the settings are set before the hub starts
// and removed when it stops.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startGazetteFake, type GazetteFake } from '../../adapters/gazette/fake/server.ts';
import { createCatalogue } from '../../adapters/national-legal-db/fake/catalogue.ts';
import { startJsonLegalDbFake, type JsonLegalDbFake } from '../../adapters/national-legal-db/fake/json-server.ts';
import type { FixtureDocument } from '../../adapters/national-legal-db/fixtures/types.ts';
import { startTestHub, type TestHub } from './hub.ts';

export interface LegalTestHub {
  hub: TestHub;
  legalFake: JsonLegalDbFake;
  gazetteFake: GazetteFake;
  /** Where the legal subgraph mirrors the documents' files. */
  filesDir: string;
  stop(): Promise<void>;
}

const ENV_KEYS = ['ADAPTER_NATIONAL_LEGAL_DB', 'ADAPTER_GAZETTE', 'LEGAL_SYNC_AT_BOOT', 'LEGAL_FILES_DIR'] as const;

/** Start the fakes, then a hub that syncs from them at boot. */
export async function startHubWithLegalFakes(opts: { serveFiles?: boolean; documents?: readonly FixtureDocument[] } = {}): Promise<LegalTestHub> {
  const catalogue = opts.documents ? createCatalogue(opts.documents) : undefined;
  const legalFake = await startJsonLegalDbFake({ serveFiles: opts.serveFiles ?? false, catalogue });
  const gazetteFake = await startGazetteFake();
  const filesDir = await mkdtemp(path.join(os.tmpdir(), 'legal-hub-'));
  Object.assign(process.env, {
    ADAPTER_NATIONAL_LEGAL_DB: JSON.stringify({ kind: 'json', endpoint: legalFake.endpoint, allowHosts: ['127.0.0.1'] }),
    ADAPTER_GAZETTE: JSON.stringify({ documentsFeedUrl: gazetteFake.documentsFeedUrl, issuesFeedUrl: gazetteFake.issuesFeedUrl, allowHosts: ['127.0.0.1'] }),
    LEGAL_SYNC_AT_BOOT: 'true',
    LEGAL_FILES_DIR: filesDir,
  });
  const stopFakes = async () => {
    await Promise.all([legalFake.close(), gazetteFake.close()]);
    for (const key of ENV_KEYS) delete process.env[key];
    await rm(filesDir, { recursive: true, force: true });
  };
  let hub: TestHub;
  try {
    hub = await startTestHub();
  } catch (err) {
    await stopFakes();
    throw err;
  }
  return {
    hub,
    legalFake,
    gazetteFake,
    filesDir,
    async stop() {
      await hub.stop();
      await stopFakes();
    },
  };
}
