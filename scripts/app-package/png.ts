/**
 * A tiny PNG reader: enough to check Teams app icons (size, colour type, pixel colours).
 *
 * Supports non-interlaced images with bit depth 8 in colour types 0 (grey), 2 (RGB),
 * 3 (palette, with optional tRNS), 4 (grey + alpha) and 6 (RGBA) - what image editors and
 * `scripts/make-icons.mjs` produce. Anything else is rejected with a clear error.
 */
import { crc32 as zlibCrc32, inflateSync } from "node:zlib";

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const PngColorType = {
  Grey: 0,
  Rgb: 2,
  Palette: 3,
  GreyAlpha: 4,
  Rgba: 6,
} as const;

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  /** True when the colour type has an alpha channel (4, 6) or a palette image has a tRNS chunk. */
  hasAlpha: boolean;
}

export interface PngImage extends PngHeader {
  /** width * height * 4 bytes, row-major RGBA, whatever the source colour type. */
  rgba: Uint8Array;
}

export class PngError extends Error {
  override name = "PngError";
}

interface Chunk {
  type: string;
  data: Buffer;
}

/** PNG's chunk checksum is zlib's CRC-32 (Node has it built in since 20.15). */
export function crc32(bytes: Uint8Array): number {
  return zlibCrc32(bytes);
}

function readChunks(png: Buffer): Chunk[] {
  if (png.length < PNG_SIGNATURE.length || !png.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new PngError("not a PNG file (bad signature)");
  }
  const chunks: Chunk[] = [];
  let pos = 8;
  while (pos < png.length) {
    if (pos + 12 > png.length) throw new PngError("truncated chunk header");
    const length = png.readUInt32BE(pos);
    const end = pos + 12 + length;
    if (end > png.length) throw new PngError("truncated chunk data");
    const type = png.toString("latin1", pos + 4, pos + 8);
    const crc = png.readUInt32BE(pos + 8 + length);
    if (crc32(png.subarray(pos + 4, pos + 8 + length)) !== crc) {
      throw new PngError(`CRC mismatch in ${type} chunk`);
    }
    chunks.push({ type, data: png.subarray(pos + 8, pos + 8 + length) });
    pos = end;
    if (type === "IEND") break;
  }
  if (chunks[0]?.type !== "IHDR") throw new PngError("first chunk is not IHDR");
  if (chunks[chunks.length - 1]?.type !== "IEND") throw new PngError("missing IEND chunk");
  return chunks;
}

function parseHeader(chunks: Chunk[]): PngHeader {
  const ihdr = chunks[0]!.data;
  if (ihdr.length !== 13) throw new PngError("IHDR chunk must be 13 bytes");
  const colorType = ihdr[9]!;
  return {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr[8]!,
    colorType,
    interlace: ihdr[12]!,
    hasAlpha:
      colorType === PngColorType.GreyAlpha ||
      colorType === PngColorType.Rgba ||
      (colorType === PngColorType.Palette && chunks.some((c) => c.type === "tRNS")),
  };
}

/** Reads only the header (IHDR) and whether the image can carry transparency. */
export function readPngHeader(png: Buffer): PngHeader {
  return parseHeader(readChunks(png));
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes the whole image to RGBA. */
export function decodePng(png: Buffer): PngImage {
  const chunks = readChunks(png);
  const header = parseHeader(chunks);
  const { width, height, bitDepth, colorType, interlace } = header;
  const channels = CHANNELS[colorType];
  if (channels === undefined) throw new PngError(`unknown colour type ${colorType}`);
  if (bitDepth !== 8) throw new PngError(`unsupported bit depth ${bitDepth} (only 8 is supported)`);
  if (interlace !== 0) throw new PngError("interlaced PNGs are not supported");
  if (width === 0 || height === 0) throw new PngError("image has zero width or height");

  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === "IDAT").map((c) => c.data)));
  if (raw.length !== (stride + 1) * height) {
    throw new PngError(`image data is ${raw.length} bytes, expected ${(stride + 1) * height}`);
  }

  // Undo the per-scanline filters (PNG spec section 9).
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let i = 0; i < stride; i++) {
      const x = raw[src + i]!;
      const a = i >= channels ? pixels[row + i - channels]! : 0;
      const b = y > 0 ? pixels[row - stride + i]! : 0;
      const c = i >= channels && y > 0 ? pixels[row - stride + i - channels]! : 0;
      let value: number;
      switch (filter) {
        case 0: value = x; break;
        case 1: value = x + a; break;
        case 2: value = x + b; break;
        case 3: value = x + ((a + b) >> 1); break;
        case 4: value = x + paeth(a, b, c); break;
        default: throw new PngError(`bad filter type ${filter} on row ${y}`);
      }
      pixels[row + i] = value & 0xff;
    }
  }

  const palette = chunks.find((c) => c.type === "PLTE")?.data;
  const trns = chunks.find((c) => c.type === "tRNS")?.data;
  if (colorType === PngColorType.Palette && !palette) throw new PngError("palette image without PLTE chunk");

  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const d = p * 4;
    switch (colorType) {
      case PngColorType.Grey: {
        const g = pixels[s]!;
        const transparent = trns !== undefined && trns.length >= 2 && trns.readUInt16BE(0) === g;
        rgba.set([g, g, g, transparent ? 0 : 255], d);
        break;
      }
      case PngColorType.Rgb: {
        const [r, g, b] = [pixels[s]!, pixels[s + 1]!, pixels[s + 2]!];
        const transparent =
          trns !== undefined && trns.length >= 6 &&
          trns.readUInt16BE(0) === r && trns.readUInt16BE(2) === g && trns.readUInt16BE(4) === b;
        rgba.set([r, g, b, transparent ? 0 : 255], d);
        break;
      }
      case PngColorType.Palette: {
        const index = pixels[s]!;
        if (index * 3 + 2 >= palette!.length) throw new PngError(`palette index ${index} out of range`);
        rgba.set([palette![index * 3]!, palette![index * 3 + 1]!, palette![index * 3 + 2]!, trns?.[index] ?? 255], d);
        break;
      }
      case PngColorType.GreyAlpha:
        rgba.set([pixels[s]!, pixels[s]!, pixels[s]!, pixels[s + 1]!], d);
        break;
      default:
        rgba.set(pixels.subarray(s, s + 4), d);
    }
  }
  return { ...header, rgba };
}
