// @vitest-environment node
/**
 * The listing images `npm run listing-images` writes into docs/store/ are there, at the sizes the
 * stores take, and are the ones docs/store-listing.md names.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const STORE = path.join(ROOT, 'docs/store');

/** Width and height from a PNG's IHDR chunk; null for anything that is not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the store listing images', () => {
  const listing = readFileSync(path.join(ROOT, 'docs/store-listing.md'), 'utf8');
  const named = [...listing.matchAll(/`docs\/store\/([^`]+\.png)` \| (\d+)×(\d+)/g)].map(([, file, w, h]) => ({ file: file!, width: Number(w), height: Number(h) }));

  it('are named in the listing: three 1280×800 screenshots and a 440×280 tile', () => {
    expect(named.filter((i) => i.width === 1280 && i.height === 800)).toHaveLength(3);
    expect(named.filter((i) => i.width === 440 && i.height === 280)).toHaveLength(1);
    expect(readdirSync(STORE).filter((f) => f.endsWith('.png')).sort()).toEqual(named.map((i) => i.file).sort());
  });

  it.each(named)('docs/store/$file is a $width×$height PNG', ({ file, width, height }) => {
    const bytes = existsSync(path.join(STORE, file)) ? readFileSync(path.join(STORE, file)) : Buffer.alloc(0);
    expect(pngSize(bytes)).toEqual({ width, height });
  });

  it('reads no size from what is not a PNG', () => {
    expect(pngSize(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeNull();
    expect(pngSize(Buffer.alloc(0))).toBeNull();
    expect(pngSize(readFileSync(path.join(ROOT, 'public/icon/16.png')))).toEqual({ width: 16, height: 16 });
  });
});
