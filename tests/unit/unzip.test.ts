// @vitest-environment node
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readZip } from '../support/unzip';

/** A zip archive as the format describes it (local headers, central directory, end record); directories as entries ending in `/`. */
function zipOf(files: Record<string, string | Buffer>, store = false): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.from(content);
    const packed = store || name.endsWith('/') ? data : deflateRawSync(data);
    const method = packed === data ? 0 : 8;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('reading a zip archive', () => {
  const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256));

  it('gives every file, deflated or stored, byte for byte, and leaves directories out', () => {
    for (const store of [false, true]) {
      const files = readZip(zipOf({ 'chunks/': '', 'manifest.json': '{"a":1}', 'chunks/x.js': 'x'.repeat(3000), 'icon/16.png': bytes }, store));
      expect([...files.keys()].sort()).toEqual(['chunks/x.js', 'icon/16.png', 'manifest.json']);
      expect(files.get('icon/16.png')!.equals(bytes)).toBe(true);
      expect(files.get('chunks/x.js')!.toString()).toBe('x'.repeat(3000));
      expect(files.get('manifest.json')!.toString()).toBe('{"a":1}');
    }
  });

  it('refuses what is not a zip, a cut-off archive, and names that leave the directory', () => {
    expect(() => readZip(Buffer.from('not a zip at all, just text'))).toThrow(/not a zip/);
    const whole = zipOf({ 'a.txt': 'hello there, hello there' });
    expect(() => readZip(whole.subarray(0, whole.length - 30))).toThrow(/not a zip/);
    expect(() => readZip(Buffer.concat([Buffer.alloc(7), whole.subarray(7)]))).toThrow(/broken zip/);
    expect(() => readZip(zipOf({ '../escape.txt': 'x' }))).toThrow(/outside its directory/);
    expect(() => readZip(zipOf({ '/etc/passwd': 'x' }))).toThrow(/outside its directory/);
  });
});
