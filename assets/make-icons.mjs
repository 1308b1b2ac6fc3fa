// Generates the add-in icons (assets/icon-<size>.png): a NAV-red rounded square with a
// small white bar chart. Dependency-free (node:zlib only) so it runs on any machine:
//   node assets/make-icons.mjs
// The PNGs are committed; rerun this only when the design changes.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const SIZES = [16, 32, 64, 80, 128];
const RED = [0xc3, 0x00, 0x00]; // NAV red
const WHITE = [0xff, 0xff, 0xff];
const SS = 4; // supersampling per axis

/** Shapes in pixel units for one icon size; bar edges snap to whole pixels. */
function shapes(n) {
  const radius = n * 0.2;
  const margin = Math.max(1, Math.round(n * 0.2));
  const inner = n - 2 * margin;
  const gap = Math.max(1, Math.round(inner * 0.12));
  const barW = Math.floor((inner - 2 * gap) / 3);
  const used = 3 * barW + 2 * gap;
  const left = margin + Math.floor((inner - used) / 2);
  const bottom = n - margin;
  const heights = [0.45, 0.7, 1].map((f) => Math.max(1, Math.round(inner * f)));
  const bars = heights.map((h, i) => {
    const x0 = left + i * (barW + gap);
    return { x0, x1: x0 + barW, y0: bottom - h, y1: bottom };
  });
  return { radius, bars };
}

function insideRoundedSquare(x, y, n, r) {
  const cx = Math.min(Math.max(x, r), n - r);
  const cy = Math.min(Math.max(y, r), n - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function render(n) {
  const { radius, bars } = shapes(n);
  const rgba = Buffer.alloc(n * n * 4);
  for (let py = 0; py < n; py++) {
    for (let px = 0; px < n; px++) {
      let cover = 0; // samples inside the square
      let white = 0; // samples inside a bar
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = px + (sx + 0.5) / SS;
          const y = py + (sy + 0.5) / SS;
          if (!insideRoundedSquare(x, y, n, radius)) continue;
          cover++;
          if (bars.some((b) => x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1)) white++;
        }
      }
      const o = (py * n + px) * 4;
      const t = cover === 0 ? 0 : white / cover;
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(RED[c] * (1 - t) + WHITE[c] * t);
      rgba[o + 3] = Math.round((cover / (SS * SS)) * 255);
    }
  }
  return encodePng(n, n, rgba);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const here = dirname(fileURLToPath(import.meta.url));
for (const n of SIZES) {
  const file = join(here, `icon-${n}.png`);
  writeFileSync(file, render(n));
  console.log(`skrev ${file}`);
}
