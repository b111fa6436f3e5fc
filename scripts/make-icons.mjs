#!/usr/bin/env node
// Draws the two Teams app icons procedurally and writes them as PNG files:
//   manifest/color.png    192x192, opaque full colour (RGB, no alpha channel)
//   manifest/outline.png   32x32, white glyph on a fully transparent background (RGBA)
//
// No image library is needed: shapes are signed-distance functions sampled with
// 4x4 supersampling for anti-aliasing, and the PNG is encoded by hand
// (signature, IHDR, IDAT = zlib-deflated scanlines, IEND, each chunk with CRC-32).
//
// Usage: node scripts/make-icons.mjs [outputDir]   (default: manifest/)

import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateSync } from "node:zlib";

// ---------------------------------------------------------------- colours
const ACCENT = [0x0f, 0x6c, 0xbd]; // manifest accentColor #0F6CBD
const WHITE = [0xff, 0xff, 0xff];
const BADGE = [0x10, 0x7c, 0x10]; // green "add" badge on the colour icon

// ---------------------------------------------------------------- shapes
// Every shape is a function (x, y) -> signed distance (negative = inside),
// in a unit square where (0,0) is top-left and (1,1) is bottom-right.
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;

const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};

const union = (...shapes) => (x, y) => Math.min(...shapes.map((s) => s(x, y)));

// The glyph: a person (head + shoulders) with a "+" on the right: "add a guest".
const head = circle(0.33, 0.28, 0.15);
const body = roundedRect(0.05, 0.51, 0.61, 0.88, 0.2);
const person = union(head, body);
const PLUS = { cx: 0.75, cy: 0.36, arm: 0.13, half: 0.035 };
const plus = union(
  roundedRect(PLUS.cx - PLUS.arm, PLUS.cy - PLUS.half, PLUS.cx + PLUS.arm, PLUS.cy + PLUS.half, PLUS.half),
  roundedRect(PLUS.cx - PLUS.half, PLUS.cy - PLUS.arm, PLUS.cx + PLUS.half, PLUS.cy + PLUS.arm, PLUS.half),
);
const badge = circle(PLUS.cx, PLUS.cy, 0.2);
const badgeRing = circle(PLUS.cx, PLUS.cy, 0.245); // accent-coloured gap between badge and person

// ---------------------------------------------------------------- raster
const SS = 4; // supersamples per axis

/**
 * Fraction (0..1) of the pixel (px, py) covered by `shape`, where the glyph's unit
 * square is mapped onto the pixel box [ox, ox+size) x [oy, oy+size).
 */
function coverage(shape, px, py, ox, oy, size) {
  let hits = 0;
  for (let sy = 0; sy < SS; sy++) {
    for (let sx = 0; sx < SS; sx++) {
      const x = (px + (sx + 0.5) / SS - ox) / size;
      const y = (py + (sy + 0.5) / SS - oy) / size;
      if (shape(x, y) <= 0) hits++;
    }
  }
  return hits / (SS * SS);
}

const mix = (under, over, a) => under.map((c, i) => Math.round(c * (1 - a) + over[i] * a));

/** 192x192 colour icon: accent background, white person, green badge with a white plus. */
function drawColor(size = 192) {
  const glyph = size * 0.66; // keep the symbol inside the central safe area
  const o = (size - glyph) / 2;
  const rgb = new Uint8Array(size * size * 3);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let c = ACCENT;
      // the person is cut away around the badge so the badge reads as a separate disc
      const personCov = coverage(person, px, py, o, o, glyph) * (1 - coverage(badgeRing, px, py, o, o, glyph));
      c = mix(c, WHITE, personCov);
      c = mix(c, BADGE, coverage(badge, px, py, o, o, glyph));
      c = mix(c, WHITE, coverage(plus, px, py, o, o, glyph));
      rgb.set(c, (py * size + px) * 3);
    }
  }
  return { width: size, height: size, colorType: 2, channels: 3, data: rgb };
}

/** 32x32 outline icon: every pixel is white; alpha carries the glyph (0 = fully transparent). */
function drawOutline(size = 32) {
  const pad = 1; // 1px margin so anti-aliased edges are not clipped
  const glyph = size - 2 * pad;
  const shape = (x, y) => Math.min(Math.max(person(x, y), -badgeRing(x, y)), plus(x, y));
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const a = Math.round(255 * coverage(shape, px, py, pad, pad, glyph));
      rgba.set([255, 255, 255, a], (py * size + px) * 4);
    }
  }
  return { width: size, height: size, colorType: 6, channels: 4, data: rgba };
}

// ---------------------------------------------------------------- PNG encoder
function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function encodePng({ width, height, colorType, channels, data }) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = colorType; // 2 = RGB, 6 = RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type "None" for every scanline
    Buffer.from(data.buffer, data.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- main
const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? join(here, "..", "manifest"));
mkdirSync(outDir, { recursive: true });
for (const [name, image] of [
  ["color.png", drawColor()],
  ["outline.png", drawOutline()],
]) {
  const file = join(outDir, name);
  const png = encodePng(image);
  writeFileSync(file, png);
  console.log(`wrote ${file} (${image.width}x${image.height}, ${png.length} bytes)`);
}
