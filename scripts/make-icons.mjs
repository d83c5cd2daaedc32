#!/usr/bin/env node
// Writes the app icons in public/icons/: an SVG and PNGs (192, 512, maskable 512) drawn from the same
// geometry — two interlocking rings on a blue tile, "two organisations that trust each other".
// PNGs are encoded here with node:zlib (no image tools needed). Run: node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const BG = [0x1f, 0x5f, 0xbf];
const FG = [0xff, 0xff, 0xff];
// Geometry in a 100×100 box. Rings: centres, radius, stroke width. Tile corner radius.
const RINGS = [{ cx: 39, cy: 50, r: 19 }, { cx: 61, cy: 50, r: 19 }];
const STROKE = 7;
const CORNER = 22;

function inTile(x, y, full) {
  if (full) return true;
  const cx = Math.min(Math.max(x, CORNER), 100 - CORNER);
  const cy = Math.min(Math.max(y, CORNER), 100 - CORNER);
  return (x - cx) ** 2 + (y - cy) ** 2 <= CORNER ** 2;
}

function onRing(x, y, scale) {
  return RINGS.some(({ cx, cy, r }) => {
    const d = Math.hypot((x - 50) / scale + 50 - cx, (y - 50) / scale + 50 - cy);
    return Math.abs(d - r) <= STROKE / 2;
  });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** RGBA PNG of `size` px; `maskable` fills the whole square and keeps the rings in the 80% safe zone. */
function png(size, maskable) {
  const SS = 4; // supersamples per axis for anti-aliasing
  const scale = maskable ? 0.8 : 1;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    const row = py * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let tile = 0, ring = 0;
      for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) {
        const x = ((px + (sx + 0.5) / SS) / size) * 100, y = ((py + (sy + 0.5) / SS) / size) * 100;
        if (inTile(x, y, maskable)) { tile++; if (onRing(x, y, scale)) ring++; }
      }
      const n = SS * SS, o = row + 1 + px * 4;
      const t = ring / Math.max(tile, 1);
      for (let c = 0; c < 3; c++) raw[o + c] = Math.round(BG[c] * (1 - t) + FG[c] * t);
      raw[o + 3] = Math.round((tile / n) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

const hex = (c) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">
  <title>crosstrust</title>
  <rect width="100" height="100" rx="${CORNER}" fill="${hex(BG)}"/>
  <g fill="none" stroke="${hex(FG)}" stroke-width="${STROKE}">
${RINGS.map(({ cx, cy, r }) => `    <circle cx="${cx}" cy="${cy}" r="${r}"/>`).join('\n')}
  </g>
</svg>
`;

const dir = new URL('../public/icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('icon.svg', dir), svg);
writeFileSync(new URL('icon-192.png', dir), png(192, false));
writeFileSync(new URL('icon-512.png', dir), png(512, false));
writeFileSync(new URL('maskable-512.png', dir), png(512, true));
writeFileSync(new URL('../favicon.svg', dir), svg);
console.log('icons written to public/icons/');
