import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';

// A small zip reader for the package tests, so they read the zips the way a store would, without
// relying on an `unzip` binary or a package that is not a direct dependency. Handles what web-ext
// writes (stored and deflated entries, no zip64) and checks every entry's size and CRC-32.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export interface ZipEntry {
  name: string;
  data: Buffer;
}

function endOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65535 bytes, at the very end.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) return at;
  }
  throw new Error('not a zip file: no end of central directory');
}

export function readZip(zip: Buffer): ZipEntry[] {
  const eocd = endOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error(`bad central directory entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + skip;

    if (zip.readUInt32LE(localAt) !== LOCAL) throw new Error(`bad local header for ${name}`);
    const start = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    const raw = zip.subarray(start, start + compressedSize);
    if (method !== 0 && method !== 8) throw new Error(`${name}: unsupported compression method ${method}`);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    if (data.length !== size || crc32(data) !== crc) throw new Error(`${name}: size or CRC-32 mismatch`);
    entries.push({ name, data });
  }
  return entries;
}

/** Extracts a zip file into `dir` (which must exist); refuses entries that would land outside it. */
export function unzipTo(zipFile: string, dir: string): string[] {
  const names: string[] = [];
  for (const { name, data } of readZip(readFileSync(zipFile))) {
    const relative = normalize(name);
    if (relative.startsWith('..') || relative.startsWith('/')) throw new Error(`unsafe path in zip: ${name}`);
    if (name.endsWith('/')) {
      mkdirSync(join(dir, relative), { recursive: true });
      continue;
    }
    mkdirSync(dirname(join(dir, relative)), { recursive: true });
    writeFileSync(join(dir, relative), data);
    names.push(name);
  }
  return names;
}
