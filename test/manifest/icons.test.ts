import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MANIFEST_DIR } from "../../scripts/app-package/build";
import { checkIcons, nonWhiteVisiblePixels } from "../../scripts/app-package/icons";
import { decodePng, readPngHeader } from "../../scripts/app-package/png";
import { encodePng, filled } from "./fixtures";

describe("Teams app package", () => {
  describe("icons", () => {
    const color = readFileSync(join(MANIFEST_DIR, "color.png"));
    const outline = readFileSync(join(MANIFEST_DIR, "outline.png"));

    it("color.png is a 192x192 opaque full-colour image", () => {
      const header = readPngHeader(color);
      assert.equal(header.width, 192);
      assert.equal(header.height, 192);
      const image = decodePng(color);
      const alphas = new Set<number>();
      const colours = new Set<string>();
      for (let p = 0; p < 192 * 192; p++) {
        alphas.add(image.rgba[p * 4 + 3]!);
        colours.add(Array.from(image.rgba.subarray(p * 4, p * 4 + 3)).join(","));
      }
      assert.deepEqual([...alphas], [255]);
      assert.ok(colours.size > 3, "expected a glyph on the background");
      assert.deepEqual(Array.from(image.rgba.subarray(0, 4)), [0x0f, 0x6c, 0xbd, 255], "corner shows the accent colour");
      assert.equal(filled()["accentColor"], "#0F6CBD");
    });

    it("outline.png is 32x32 with only white or fully transparent pixels", () => {
      const header = readPngHeader(outline);
      assert.equal(header.width, 32);
      assert.equal(header.height, 32);
      assert.ok(header.hasAlpha);
      const image = decodePng(outline);
      let transparent = 0;
      let opaque = 0;
      for (let p = 0; p < 32 * 32; p++) {
        const [r, g, b, a] = Array.from(image.rgba.subarray(p * 4, p * 4 + 4));
        if (a === 0) transparent++;
        else {
          assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${p % 32},${Math.floor(p / 32)} is not white`);
          if (a === 255) opaque++;
        }
      }
      assert.ok(transparent > 200, "background is transparent");
      assert.ok(opaque > 100, "glyph is drawn");
      assert.ok(image.rgba[3] === 0 && image.rgba[32 * 32 * 4 - 1] === 0, "corners are transparent");
    });

    it("the icon check passes the real icons and rejects wrong ones", () => {
      assert.deepEqual(checkIcons({ color, outline }), []);
      const swapped = checkIcons({ color: outline, outline: color });
      assert.ok(swapped.some((p) => /color icon is 32x32; Teams requires 192x192/.test(p)), swapped.join("; "));
      assert.ok(swapped.some((p) => /outline icon is 192x192; Teams requires 32x32/.test(p)));
      assert.ok(swapped.some((p) => /outline icon has no transparency/.test(p)));

      const grey = new Uint8Array(32 * 32 * 4);
      for (let p = 0; p < 32 * 32; p++) grey.set(p < 100 ? [200, 200, 200, 255] : [0, 0, 0, 0], p * 4);
      const greyOutline = encodePng(32, 32, 6, 4, grey);
      assert.equal(nonWhiteVisiblePixels(decodePng(greyOutline)).length, 100);
      assert.ok(checkIcons({ color, outline: greyOutline }).some((p) => /100 pixel\(s\) that are neither white nor fully transparent/.test(p)));

      assert.ok(checkIcons({ color: Buffer.from("not a png"), outline }).some((p) => /cannot read PNG: not a PNG/.test(p)));
    });

    it("the PNG reader undoes every scanline filter and checks CRCs", () => {
      const pixels = Uint8Array.from({ length: 5 * 4 * 4 }, (_, i) => (i * 37 + (i >> 3) * 11) & 0xff);
      for (const filter of [0, 1, 2, 3, 4]) {
        const image = decodePng(encodePng(5, 4, 6, 4, pixels, filter));
        assert.deepEqual(Array.from(image.rgba), Array.from(pixels), `filter ${filter}`);
      }
      const rgb = Uint8Array.from({ length: 3 * 2 * 3 }, (_, i) => i * 13);
      const image = decodePng(encodePng(3, 2, 2, 3, rgb, 4));
      assert.deepEqual(Array.from(image.rgba.subarray(0, 8)), [0, 13, 26, 255, 39, 52, 65, 255]);
      const corrupt = Buffer.from(outline);
      corrupt[20] = corrupt[20]! ^ 0xff; // inside IHDR data
      assert.throws(() => decodePng(corrupt), /CRC mismatch in IHDR/);
    });
  });
});
