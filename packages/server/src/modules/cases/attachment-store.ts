// The attachment files on disk: `<dataDir>/attachments/<first two hex digits>/<sha256>`, one file per
// distinct content. An upload is written to a temporary file and renamed into place only once complete
// and checked, so a crash never leaves a partial file under a final name.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';

export interface ReceivedFile {
  tempPath: string;
  sha256: string;
  size: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

const rootOf = (dataDir: string) => path.join(dataDir, 'attachments');
const tempDirOf = (dataDir: string) => path.join(rootOf(dataDir), 'tmp');

/** Where content with this hash is kept, relative to the attachments folder. */
export function storageKeyOf(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return `${sha256.slice(0, 2)}/${sha256}`;
}

/** Writes the stream to a temporary file, hashing and counting as it goes, and flushes it to disk. */
export async function receiveFile(dataDir: string, source: Readable): Promise<ReceivedFile> {
  const dir = tempDirOf(dataDir);
  await fsp.mkdir(dir, { recursive: true });
  const tempPath = path.join(dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      source,
      measure,
      fs.createWriteStream(tempPath, { flags: 'wx', mode: 0o640, flush: true }),
    );
  } catch (error) {
    await discardFile({ tempPath });
    throw error;
  }
  return { tempPath, sha256: hash.digest('hex'), size };
}

/** The media type the content shows (magic numbers, and the parts list inside Office zip files). */
export async function sniffMediaType(file: { tempPath: string }): Promise<string | undefined> {
  return (await fileTypeFromFile(file.tempPath))?.mime;
}

/** Moves a received file to its content address; content already kept is kept once. */
export async function keepFile(dataDir: string, file: ReceivedFile): Promise<string> {
  const storageKey = storageKeyOf(file.sha256);
  const target = path.join(rootOf(dataDir), storageKey);
  await fsp.mkdir(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) {
    await discardFile(file);
  } else {
    // Atomic on one filesystem: a reader sees either no file or the whole one. Two uploads of the same
    // content racing here both rename whole, identical files.
    await fsp.rename(file.tempPath, target);
  }
  return storageKey;
}

export async function discardFile(file: { tempPath: string }): Promise<void> {
  await fsp.rm(file.tempPath, { force: true });
}

/** Opens a kept file for reading; a missing file is a server fault (the row says it exists). */
export async function openKeptFile(dataDir: string, storageKey: string): Promise<fs.ReadStream> {
  const [prefix, sha256, ...rest] = storageKey.split('/');
  if (rest.length > 0 || !sha256 || storageKeyOf(sha256) !== `${prefix}/${sha256}`) {
    throw new Error(`bad storage key: ${storageKey}`);
  }
  const handle = await fsp.open(path.join(rootOf(dataDir), storageKey), 'r');
  return handle.createReadStream();
}
