import assert from "node:assert/strict";
import { commandListsOf, localizableStrings, translationCoverage } from "../../scripts/app-package/rules";
import { escapeLoneBrackets, loadBundledSchema, validateLocalizationSchema } from "../../scripts/app-package/schema";
import { clone, filled, readJson } from "./fixtures";

describe("Teams app package", () => {
  describe("tr-tr localization", () => {
    const tr = readJson("tr-tr.json");
    const locSchema = loadBundledSchema(tr["$schema"]);

    it("uses the localization schema of the manifest's version", () => {
      const m = filled();
      assert.equal(tr["$schema"], `https://developer.microsoft.com/json-schemas/teams/v${m["manifestVersion"]}/MicrosoftTeams.Localization.schema.json`);
    });

    it("validates against the bundled localization schema", async () => {
      assert.deepEqual(await validateLocalizationSchema(tr), []);
      const broken = clone(tr);
      delete broken["description.short"];
      broken["name.short"] = "x".repeat(31);
      const errors = await validateLocalizationSchema(broken);
      assert.ok(errors.some((e) => /description\.short/.test(e)), errors.join("; "));
      assert.ok(errors.some((e) => e.startsWith("/name.short ")), errors.join("; "));
    });

    it("makes the schema's lone-bracket patterns compile as Unicode regexes without changing them", () => {
      const key = "^activities.activityTypes\\[\\b([0-9]|1[0-2])\\b]\\.description$";
      assert.throws(() => new RegExp(key, "u"));
      const fixed = new RegExp(escapeLoneBrackets(key), "u");
      assert.ok(fixed.test("activities.activityTypes[3].description"));
      assert.ok(!fixed.test("activities.activityTypes[3.description"));
      assert.equal(escapeLoneBrackets("[a-z]\\]x]"), "[a-z]\\]x\\]");
    });

    it("translates every localizable string of the manifest, and nothing else", () => {
      const manifest = filled();
      const localizable = localizableStrings(manifest, locSchema);
      // name, descriptions and a title + description for each command of the three lists
      const commandCount = commandListsOf(manifest).reduce((n, l) => n + l.commands.length, 0);
      assert.equal(localizable.size, 4 + 2 * commandCount);
      assert.ok(localizable.has("bots[0].commandLists[2].commands[0].title"));
      assert.deepEqual(translationCoverage(manifest, tr, locSchema), { missing: [], unknown: [] });

      const partial = clone(tr);
      delete partial["bots[0].commandLists[1].commands[3].description"];
      partial["bots[0].commandLists[0].commands[11].title"] = "fazla";
      assert.deepEqual(translationCoverage(manifest, partial, locSchema), {
        missing: ["bots[0].commandLists[1].commands[3].description"],
        unknown: ["bots[0].commandLists[0].commands[11].title"],
      });
    });

    it("is actual Turkish: differs from English and uses Turkish letters, except the command titles", () => {
      const manifest = filled();
      for (const [key, english] of localizableStrings(manifest, locSchema)) {
        if (key === "name.short") continue; // the product name stays GuestPass
        // Teams sends a command's title as the message text, and the bot reads English command words.
        if (key.endsWith(".title")) assert.equal(tr[key], english, `${key} must stay the command word`);
        else assert.notEqual(tr[key], english, `${key} is not translated`);
      }
      const all = Object.values(tr).join(" ");
      for (const letter of ["ç", "ğ", "ı", "ö", "ş", "ü"]) assert.ok(all.includes(letter), `no "${letter}"`);
      assert.equal(tr["bots[0].commandLists[0].commands[0].title"], "invite");
      assert.equal(tr["bots[0].commandLists[0].commands[9].title"], "help");
      assert.match(tr["bots[0].commandLists[0].commands[9].description"], /sıfırlama için reset/);
      // The full description names the command people type, not a translation of it.
      assert.match(tr["description.full"], /"invite" yazıp/);
      // the same command has the same translation in every scope
      const byEnglish = new Map<string, string>();
      for (const [key, english] of localizableStrings(manifest, locSchema)) {
        if (!key.endsWith(".title")) continue;
        const seen = byEnglish.get(english);
        if (seen !== undefined) assert.equal(tr[key], seen, key);
        byEnglish.set(english, tr[key]);
      }
    });
  });
});
