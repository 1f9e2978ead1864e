/**
 * Reads a zip archive's files, with Node's zlib alone: the checks of the store zips run on
 * machines without an `unzip` tool. Stored and deflated entries, no ZIP64 (the store zips are
 * far below 4 GB); entry names that would leave the target directory are refused.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** Every file in the archive (directories left out), by its name in the archive. */
export function readZip(zip: Buffer): Map<string, Buffer> {
  let end = -1;
  // The end record is 22 bytes plus a comment of at most 65,535.
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`broken zip archive: no central header at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (name.endsWith('/')) continue;
    if (path.posix.isAbsolute(name) || name.split(/[\\/]/).includes('..')) throw new Error(`zip entry outside its directory: ${name}`);
    if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`broken zip archive: no local header for ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressedSize);
    const data = method === 0 ? Buffer.from(raw) : method === 8 ? inflateRawSync(raw) : null;
    if (!data) throw new Error(`zip entry ${name}: compression method ${method} is not supported`);
    if (data.length !== size) throw new Error(`zip entry ${name}: ${data.length} bytes where the archive says ${size}`);
    files.set(name, data);
  }
  return files;
}

/** Writes the archive's files under `dir`. */
export function extractZip(zip: Buffer, dir: string): void {
  for (const [name, data] of readZip(zip)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
  }
}
