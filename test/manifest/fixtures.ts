import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { fillManifestTemplate, MANIFEST_DIR } from "../../scripts/app-package/build";
import { crc32, PNG_SIGNATURE } from "../../scripts/app-package/png";

// What the app package tests share: a filled manifest, the repository, and a PNG encoder for test images.
export const BOT_ID = "6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f";
export const DOMAIN = "guestpass.example.com";
export const REPO = join(__dirname, "..", "..");

export type Json = Record<string, any>;

export const readJson = (name: string): Json => JSON.parse(readFileSync(join(MANIFEST_DIR, name), "utf8")) as Json;
export const filled = (): Json => fillManifestTemplate(BOT_ID, DOMAIN);
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Minimal PNG encoder for test images, applying one scanline filter type to every row. */
export function encodePng(width: number, height: number, colorType: number, channels: number, pixels: Uint8Array, filter = 0): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  const px = (y: number, i: number): number => (y < 0 || i < 0 ? 0 : pixels[y * stride + i]!);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = filter;
    for (let i = 0; i < stride; i++) {
      const x = px(y, i);
      const a = px(y, i - channels);
      const b = px(y - 1, i);
      const c = px(y - 1, i - channels);
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      raw[y * (stride + 1) + 1 + i] = (x - predictor) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  return Buffer.concat([PNG_SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}
