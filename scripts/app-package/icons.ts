/**
 * Teams app icon rules (the manifest schema does not check the image files):
 *   color   192x192 full-colour PNG
 *   outline  32x32 PNG with transparency whose visible pixels are all white (#FFFFFF)
 */
import { decodePng, type PngImage } from "./png";

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

export interface IconFiles {
  color: Buffer;
  outline: Buffer;
}

function decode(name: string, png: Buffer, problems: string[]): PngImage | undefined {
  try {
    return decodePng(png);
  } catch (err) {
    problems.push(`${name}: cannot read PNG: ${(err as Error).message}`);
    return undefined;
  }
}

/** Pixels of an image that are neither fully transparent nor white: [x, y] pairs. */
export function nonWhiteVisiblePixels(image: PngImage): Array<[number, number]> {
  const bad: Array<[number, number]> = [];
  const { rgba, width } = image;
  for (let p = 0; p < rgba.length / 4; p++) {
    const [r, g, b, a] = [rgba[p * 4]!, rgba[p * 4 + 1]!, rgba[p * 4 + 2]!, rgba[p * 4 + 3]!];
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) bad.push([p % width, Math.floor(p / width)]);
  }
  return bad;
}

/** Problems with the two icons; empty when both follow the Teams rules. */
export function checkIcons(icons: IconFiles, names = { color: "color icon", outline: "outline icon" }): string[] {
  const problems: string[] = [];

  const color = decode(names.color, icons.color, problems);
  if (color && (color.width !== COLOR_ICON_SIZE || color.height !== COLOR_ICON_SIZE)) {
    problems.push(`${names.color} is ${color.width}x${color.height}; Teams requires ${COLOR_ICON_SIZE}x${COLOR_ICON_SIZE}`);
  }

  const outline = decode(names.outline, icons.outline, problems);
  if (outline) {
    if (outline.width !== OUTLINE_ICON_SIZE || outline.height !== OUTLINE_ICON_SIZE) {
      problems.push(
        `${names.outline} is ${outline.width}x${outline.height}; Teams requires ${OUTLINE_ICON_SIZE}x${OUTLINE_ICON_SIZE}`,
      );
    }
    if (!outline.hasAlpha) {
      problems.push(`${names.outline} has no transparency (PNG colour type ${outline.colorType}); it needs an alpha channel`);
    } else {
      const bad = nonWhiteVisiblePixels(outline);
      if (bad.length > 0) {
        const [x, y] = bad[0]!;
        problems.push(
          `${names.outline} has ${bad.length} pixel(s) that are neither white nor fully transparent (first at ${x},${y}); ` +
            "Teams allows only white on a transparent background",
        );
      }
      const alpha = Array.from({ length: outline.width * outline.height }, (_, p) => outline.rgba[p * 4 + 3]!);
      if (alpha.every((a) => a === 0)) problems.push(`${names.outline} is fully transparent (no glyph)`);
      else if (alpha.every((a) => a !== 0)) problems.push(`${names.outline} has no transparent background`);
    }
  }
  return problems;
}
