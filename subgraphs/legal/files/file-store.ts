// Mirrored files of legal documents, content-addressed by sha256 in a directory: the same
// file attached to several documents is stored once, a name can never escape the directory,
// and a write is atomic (temporary file, then rename), so a reader never sees half a file.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';

const SHA256 = /^[a-f0-9]{64}$/;
export const isSha256 = (value: string): boolean => SHA256.test(value);
export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface FileStore {
  readonly dir: string;
  /** Store bytes; returns their sha256. */
  put(bytes: Uint8Array): Promise<string>;
  /** Size in bytes, or null when not stored. */
  size(sha256: string): Promise<number | null>;
  open(sha256: string): ReadStream;
}

export function createFileStore(dir: string): FileStore {
  const root = path.resolve(dir);
  const fileOf = (sha: string) => {
    if (!isSha256(sha)) throw new RangeError('not a sha256');
    return path.join(root, sha.slice(0, 2), sha);
  };
  return {
    dir: root,
    async put(bytes) {
      const sha = sha256Of(bytes);
      const target = fileOf(sha);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, target);
      } finally {
        await rm(temporary, { force: true });
      }
      return sha;
    },
    async size(sha) {
      if (!isSha256(sha)) return null;
      return stat(fileOf(sha)).then(
        (s) => s.size,
        () => null,
      );
    },
    open: (sha) => createReadStream(fileOf(sha)),
  };
}
