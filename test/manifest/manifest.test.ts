import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import JSZip from "jszip";
import { AppPackageError, buildAppPackage, fillManifestTemplate, MANIFEST_DIR, SSO_OVERLAY } from "../../scripts/app-package/build";
import { checkIcons, nonWhiteVisiblePixels } from "../../scripts/app-package/icons";
import { fillPlaceholders, findPlaceholders, isBareHostName, isGuid, isSsoResourceFor } from "../../scripts/app-package/placeholders";
import { crc32, decodePng, PNG_SIGNATURE, readPngHeader } from "../../scripts/app-package/png";
import { checkTeamsRules, commandListsOf, localizableStrings, translationCoverage } from "../../scripts/app-package/rules";
import {
  bundledSchemaPath,
  escapeLoneBrackets,
  loadBundledSchema,
  validateLocalizationSchema,
  validateManifestSchema,
} from "../../scripts/app-package/schema";
import { parsePackageArgs, readBotSettingsFromEnvironment, resolvePackageSettings, SettingsError } from "../../scripts/app-package/settings";

const BOT_ID = "6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f";
const DOMAIN = "guestpass.example.com";
const REPO = join(__dirname, "..", "..");

type Json = Record<string, any>;

const readJson = (name: string): Json => JSON.parse(readFileSync(join(MANIFEST_DIR, name), "utf8")) as Json;
const filled = (): Json => fillManifestTemplate(BOT_ID, DOMAIN);
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Minimal PNG encoder for test images, applying one scanline filter type to every row. */
function encodePng(width: number, height: number, colorType: number, channels: number, pixels: Uint8Array, filter = 0): Buffer {
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

describe("Teams app package", () => {
  describe("manifest template", () => {
    it("uses a bundled schema version, and $schema matches manifestVersion", () => {
      const template = readJson("manifest.json");
      assert.equal(template["$schema"], `https://developer.microsoft.com/json-schemas/teams/v${template["manifestVersion"]}/MicrosoftTeams.schema.json`);
      assert.ok(Number(template["manifestVersion"]) >= 1.17);
      assert.ok(existsSync(bundledSchemaPath(template["$schema"])));
    });

    it("holds exactly the BOT_ID and BOT_DOMAIN placeholders in id, botId and validDomains", () => {
      const text = readFileSync(join(MANIFEST_DIR, "manifest.json"), "utf8");
      assert.deepEqual(findPlaceholders(text).sort(), ["BOT_DOMAIN", "BOT_ID"]);
      const template = readJson("manifest.json");
      assert.equal(template["id"], "${{BOT_ID}}");
      assert.equal(template["bots"][0]["botId"], "${{BOT_ID}}");
      assert.deepEqual(template["validDomains"], ["${{BOT_DOMAIN}}"]);
    });

    it("filled with a sample GUID and domain, validates offline against the official schema with zero errors", async () => {
      const manifest = filled();
      assert.equal(manifest["id"], BOT_ID);
      assert.equal(manifest["bots"][0]["botId"], BOT_ID);
      assert.deepEqual(manifest["validDomains"], [DOMAIN]);
      assert.deepEqual(await validateManifestSchema(manifest), []);
      assert.deepEqual(checkTeamsRules(manifest), []);
    });

    it("the schema validation really rejects a broken manifest", async () => {
      const broken = filled();
      broken["id"] = "not-a-guid";
      broken["accentColor"] = "blue";
      delete broken["developer"]["privacyUrl"];
      broken["bots"][0]["scopes"] = ["personal", "meeting"];
      const errors = await validateManifestSchema(broken);
      for (const where of ["/id", "/accentColor", "/developer", "/bots/0/scopes/1"]) {
        assert.ok(errors.some((e) => e.startsWith(`${where} `)), `expected an error at ${where}: ${errors.join("; ")}`);
      }
    });

    it("refuses a schema version that is not bundled (no silent download)", () => {
      assert.throws(
        () => bundledSchemaPath("https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json"),
        /not bundled/,
      );
      assert.throws(() => bundledSchemaPath("https://example.com/schema.json"), /not a Teams schema URL/);
    });

    it("describes the app, its developer and requested permissions", () => {
      const m = filled();
      assert.equal(m["name"]["short"], "GuestPass");
      assert.match(m["description"]["short"], /Entra ID B2B guests/);
      assert.match(m["description"]["full"], /approv/);
      assert.match(m["description"]["full"], /status/);
      assert.equal(m["developer"]["name"], "GuestPass contributors");
      for (const key of ["websiteUrl", "privacyUrl", "termsOfUseUrl"]) assert.match(m["developer"][key], /^https:\/\//);
      assert.deepEqual(m["permissions"], ["identity", "messageTeamMembers"]);
      assert.deepEqual(m["icons"], { color: "color.png", outline: "outline.png" });
      assert.deepEqual(m["localizationInfo"], {
        defaultLanguageTag: "en-us",
        additionalLanguages: [{ languageTag: "tr-tr", file: "tr-tr.json" }],
      });
      assert.equal(m["webApplicationInfo"], undefined);
    });
  });

  describe("bot and command lists", () => {
    const manifest = filled();
    const bot = manifest["bots"][0];
    const lists = commandListsOf(manifest);
    const titles = (scope: string): string[] =>
      lists.find((l) => l.scopes.includes(scope))!.commands.map((c) => c.title);

    it("is a conversational bot in personal, team and group chat that takes files (bulk CSV in personal chat)", () => {
      assert.deepEqual(bot["scopes"], ["personal", "team", "groupChat"]);
      assert.equal(bot["supportsFiles"], true);
      assert.equal(bot["isNotificationOnly"], false);
    });

    it("has one command list per scope, each with at most 10 unique, described commands", () => {
      assert.deepEqual(lists.map((l) => l.scopes), [["personal"], ["team"], ["groupChat"]]);
      for (const list of lists) {
        assert.ok(list.commands.length <= 10, `${list.scopes} has ${list.commands.length} commands`);
        assert.equal(new Set(list.commands.map((c) => c.title)).size, list.commands.length, `duplicates in ${list.scopes}`);
        for (const c of list.commands) assert.ok(c.description && c.description.startsWith(c.title), c.title);
      }
    });

    it("offers the ten most useful commands in personal scope and leaves reset to help", () => {
      assert.deepEqual(titles("personal"), [
        "invite", "status", "pending", "requests", "my requests", "resend", "link", "cancel", "audit", "help",
      ]);
      const help = lists[0]!.commands.find((c) => c.title === "help")!;
      assert.match(help.description!, /reset/);
      const invite = lists[0]!.commands.find((c) => c.title === "invite")!;
      assert.equal(invite.description, "invite EMAIL [DISPLAY NAME] — invite a guest; alone: a form");
      const status = lists[0]!.commands.find((c) => c.title === "status")!;
      assert.equal(status.description, "status EMAIL-OR-NAME — a guest's invitation status");
    });

    it("leaves admin-only commands out of team and group chat", () => {
      for (const scope of ["team", "groupChat"]) {
        assert.deepEqual(titles(scope), ["invite", "status", "pending", "requests", "my requests", "resend", "link", "cancel", "help"]);
      }
    });

    it("the rule check flags more than 10 commands, duplicates and undeclared scopes", () => {
      const m = clone(manifest);
      const personal = m["bots"][0]["commandLists"][0];
      personal.commands.push({ title: "reset", description: "reset" });
      const team = m["bots"][0]["commandLists"][1];
      team.commands.push({ title: "Invite", description: "again" });
      m["bots"][0]["commandLists"][2].scopes = ["copilot"];
      const problems = checkTeamsRules(m);
      assert.ok(problems.some((p) => /commandLists\[0\] has 11 commands/.test(p)), problems.join("; "));
      assert.ok(problems.some((p) => /commandLists\[1\] has the command "Invite" more than once/.test(p)));
      assert.ok(problems.some((p) => /scope "copilot", which the bot does not declare/.test(p)));
    });
  });

  describe("placeholders", () => {
    it("accepts GUIDs and bare host names only", () => {
      assert.ok(isGuid(BOT_ID));
      assert.ok(isGuid(BOT_ID.toUpperCase()));
      for (const bad of ["", "abc", `${BOT_ID}x`, `{${BOT_ID}}`, "6f1c2d3e4b5a4c6d8e9f0a1b2c3d4e5f"]) assert.ok(!isGuid(bad), bad);
      for (const good of ["guestpass.example.com", "abc-123.azurewebsites.net", "x1.devtunnels.ms"]) assert.ok(isBareHostName(good), good);
      for (const bad of ["https://guestpass.example.com", "guestpass.example.com/api", "guestpass.example.com:443", "localhost", "10.0.0.1", "*.example.com", "-a.example.com", "a..com", ""]) {
        assert.ok(!isBareHostName(bad), bad);
      }
    });

    it("fills every placeholder and refuses unknown ones", () => {
      assert.equal(fillPlaceholders('{"a":"${{BOT_ID}}","b":"${{ BOT_DOMAIN }}"}', { BOT_ID: "1", BOT_DOMAIN: "d" }), '{"a":"1","b":"d"}');
      assert.throws(() => fillPlaceholders('"${{OTHER}}"', { BOT_ID: "1", BOT_DOMAIN: "d" }), /\$\{\{OTHER\}\}/);
    });
  });

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

  describe("buildAppPackage", () => {
    it("zips manifest.json, both icons and tr-tr.json with the placeholders replaced", async () => {
      const pkg = await buildAppPackage({ botId: BOT_ID, domain: DOMAIN });
      const zip = await JSZip.loadAsync(pkg.zip);
      const names = Object.keys(zip.files).sort();
      assert.deepEqual(names, ["color.png", "manifest.json", "outline.png", "tr-tr.json"]);
      assert.deepEqual([...pkg.files].sort(), names);

      const text = await zip.file("manifest.json")!.async("string");
      assert.ok(!text.includes("${{"), "no placeholder left");
      const manifest = JSON.parse(text) as Json;
      assert.equal(manifest["id"], BOT_ID);
      assert.equal(manifest["bots"][0]["botId"], BOT_ID);
      assert.deepEqual(manifest["validDomains"], [DOMAIN]);
      assert.deepEqual(await validateManifestSchema(manifest), []);

      for (const name of ["color.png", "outline.png", "tr-tr.json"]) {
        const bytes = await zip.file(name)!.async("nodebuffer");
        assert.ok(bytes.equals(readFileSync(join(MANIFEST_DIR, name))), `${name} is copied unchanged`);
      }
    });

    it("refuses an invalid bot id or domain, naming the variables", async () => {
      await assert.rejects(buildAppPackage({ botId: "nope", domain: "https://x.example.com" }), (err: unknown) => {
        assert.ok(err instanceof AppPackageError);
        assert.match(err.message, /"nope" \(MicrosoftAppId\) is not a GUID/);
        assert.match(err.message, /BOT_DOMAIN/);
        return true;
      });
    });
  });

  describe("package settings", () => {
    const noEnvironment = () => ({});

    it("parses --bot-id, --domain and --out, and refuses unknown options", () => {
      assert.deepEqual(parsePackageArgs(["--bot-id", BOT_ID, "--domain=x.example.com", "--out", "a.zip"]), {
        botId: BOT_ID, domain: "x.example.com", out: "a.zip", help: undefined,
      });
      assert.throws(() => parsePackageArgs(["--botid", BOT_ID]), (err: unknown) => err instanceof SettingsError && /--botid/.test(err.message) && /Usage/.test(err.message));
    });

    it("takes options first, then the environment, with build/appPackage.zip as the default output", () => {
      const fromEnv = () => ({ appId: BOT_ID.toUpperCase(), domain: "env.example.com" });
      assert.deepEqual(resolvePackageSettings({}, fromEnv, "/repo"), {
        botId: BOT_ID, domain: "env.example.com", out: join("/repo", "build", "appPackage.zip"),
      });
      const other = "00000000-0000-0000-0000-000000000001";
      assert.deepEqual(resolvePackageSettings({ botId: other, domain: "opt.example.com", out: "x/y.zip" }, fromEnv, "/repo"), {
        botId: other, domain: "opt.example.com", out: join("/repo", "x", "y.zip"),
      });
      let read = false;
      resolvePackageSettings({ botId: other, domain: "opt.example.com" }, () => ((read = true), {}));
      assert.equal(read, false, "the environment is not read when both options are given");
    });

    it("refuses a missing bot id with a message naming MicrosoftAppId", () => {
      assert.throws(
        () => resolvePackageSettings({ domain: DOMAIN }, noEnvironment),
        (err: unknown) => err instanceof SettingsError && /MicrosoftAppId/.test(err.message) && /--bot-id/.test(err.message),
      );
    });

    it("refuses a bot id that is not a GUID, naming MicrosoftAppId", () => {
      for (const [options, env] of [
        [{ domain: DOMAIN }, { appId: "my-bot" }],
        [{ botId: "my-bot", domain: DOMAIN }, {}],
      ] as const) {
        assert.throws(
          () => resolvePackageSettings(options, () => env),
          (err: unknown) => err instanceof SettingsError && /"my-bot"/.test(err.message) && /not a GUID/.test(err.message) && /MicrosoftAppId/.test(err.message),
        );
      }
    });

    it("refuses a domain that is not a bare host name, naming BOT_DOMAIN or --domain", () => {
      assert.throws(() => resolvePackageSettings({ botId: BOT_ID }, () => ({ domain: "https://x.example.com/" })), /BOT_DOMAIN is not a bare host name/);
      assert.throws(() => resolvePackageSettings({ botId: BOT_ID, domain: "x.example.com:8443" }), /option --domain is not a bare host name/);
      assert.throws(() => resolvePackageSettings({ botId: BOT_ID }, noEnvironment), /BOT_DOMAIN or pass --domain/);
    });

    it("reads MicrosoftAppId and BOT_DOMAIN through the config module", () => {
      assert.deepEqual(readBotSettingsFromEnvironment({ MicrosoftAppId: BOT_ID, MicrosoftAppPassword: "p", BOT_DOMAIN: DOMAIN }), {
        appId: BOT_ID, domain: DOMAIN,
      });
      assert.deepEqual(readBotSettingsFromEnvironment({}), { appId: undefined, domain: undefined });
      assert.throws(() => readBotSettingsFromEnvironment({ MicrosoftAppId: "my-bot" }), (err: unknown) => err instanceof SettingsError && /MicrosoftAppId/.test(err.message));
    });
  });

  describe("Teams single sign-on (delegated Graph modes)", () => {
    const SSO = `api://${DOMAIN}/${BOT_ID}`;

    it("keeps webApplicationInfo in an overlay with the BOT_ID and SSO_APP_ID_URI placeholders", () => {
      const text = readFileSync(join(MANIFEST_DIR, SSO_OVERLAY), "utf8");
      assert.deepEqual(findPlaceholders(text).sort(), ["BOT_ID", "SSO_APP_ID_URI"]);
      assert.deepEqual(JSON.parse(text), {
        webApplicationInfo: { id: "${{BOT_ID}}", resource: "${{SSO_APP_ID_URI}}" },
        validDomains: ["token.botframework.com"],
      });
    });

    it("with an SSO resource, adds webApplicationInfo and the token service's domain, and still validates", async () => {
      const manifest = fillManifestTemplate(BOT_ID, DOMAIN, MANIFEST_DIR, SSO);
      assert.deepEqual(manifest["webApplicationInfo"], { id: BOT_ID, resource: SSO });
      assert.deepEqual(manifest["validDomains"], [DOMAIN, "token.botframework.com"]);
      assert.deepEqual(await validateManifestSchema(manifest), []);
      assert.deepEqual(checkTeamsRules(manifest), []);
      const tr = readJson("tr-tr.json");
      assert.deepEqual(translationCoverage(manifest, tr, loadBundledSchema(tr["$schema"])), { missing: [], unknown: [] }, "nothing new to translate");
    });

    it("zips the same files, with webApplicationInfo only when asked", async () => {
      const pkg = await buildAppPackage({ botId: BOT_ID, domain: DOMAIN, ssoResource: SSO });
      const zip = await JSZip.loadAsync(pkg.zip);
      assert.deepEqual(Object.keys(zip.files).sort(), ["color.png", "manifest.json", "outline.png", "tr-tr.json"]);
      const manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as Json;
      assert.equal(manifest["webApplicationInfo"]["resource"], SSO);
      assert.equal((await buildAppPackage({ botId: BOT_ID, domain: DOMAIN })).manifest["webApplicationInfo"], undefined);
    });

    it("accepts only the bot's own app ID URI", async () => {
      for (const good of [SSO, `api://${DOMAIN}/botid-${BOT_ID}`, `api://botid-${BOT_ID.toUpperCase()}`]) assert.ok(isSsoResourceFor(good, BOT_ID), good);
      for (const bad of [`https://${DOMAIN}/${BOT_ID}`, `api://${DOMAIN}/00000000-0000-0000-0000-000000000001`, "api://", ""]) {
        assert.ok(!isSsoResourceFor(bad, BOT_ID), bad);
      }
      await assert.rejects(buildAppPackage({ botId: BOT_ID, domain: DOMAIN, ssoResource: "https://x.example.com" }), /SSO_APP_ID_URI/);
      const wrongId = clone(fillManifestTemplate(BOT_ID, DOMAIN, MANIFEST_DIR, SSO)) as Json;
      wrongId["webApplicationInfo"]["id"] = "00000000-0000-0000-0000-000000000001";
      assert.ok(checkTeamsRules(wrongId).some((p) => /webApplicationInfo\.id/.test(p)));
    });

    it("takes --sso-resource, else SSO_APP_ID_URI from the environment, and refuses one for another app", () => {
      assert.equal(parsePackageArgs(["--sso-resource", SSO]).ssoResource, SSO);
      assert.equal(resolvePackageSettings({ botId: BOT_ID, domain: DOMAIN, ssoResource: SSO }, () => ({})).ssoResource, SSO);
      assert.equal(resolvePackageSettings({}, () => ({ appId: BOT_ID, domain: DOMAIN, ssoResource: SSO })).ssoResource, SSO);
      assert.equal(resolvePackageSettings({ botId: BOT_ID, domain: DOMAIN }, () => ({})).ssoResource, undefined);
      assert.throws(
        () => resolvePackageSettings({ botId: BOT_ID, domain: DOMAIN, ssoResource: "api://x.example.com/other" }, () => ({})),
        (err: unknown) => err instanceof SettingsError && /option --sso-resource/.test(err.message) && /api:\/\//.test(err.message),
      );
      const env = { MicrosoftAppId: BOT_ID, MicrosoftAppPassword: "p", BOT_DOMAIN: DOMAIN, SSO_APP_ID_URI: SSO };
      assert.equal(readBotSettingsFromEnvironment(env).ssoResource, SSO);
    });
  });

  describe("npm run package (scripts/package-app.ts)", function () {
    this.timeout(60_000);
    let cwd: string;
    beforeEach(() => (cwd = mkdtempSync(join(tmpdir(), "guestpass-package-"))));
    afterEach(() => rmSync(cwd, { recursive: true, force: true }));

    const run = (args: string[], env: Record<string, string> = {}) => {
      const clean = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !/^(MicrosoftApp|BOT_DOMAIN|AZURE_|NODE_ENV$)/.test(k)),
      );
      return spawnSync(process.execPath, [require.resolve("tsx/cli"), join(REPO, "scripts", "package-app.ts"), ...args], {
        cwd, env: { ...clean, ...env }, encoding: "utf8",
      });
    };

    it("exits with code 1 and names MicrosoftAppId when the bot id is missing", () => {
      const result = run([], { BOT_DOMAIN: DOMAIN });
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, /MicrosoftAppId/);
      assert.ok(!existsSync(join(cwd, "build", "appPackage.zip")));
    });

    it("exits with code 1 for a bot id that is not a GUID", () => {
      const result = run(["--bot-id", "12345", "--domain", DOMAIN]);
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, /"12345".*not a GUID/);
    });

    it("writes build/appPackage.zip from the environment", async () => {
      const result = run([], { MicrosoftAppId: BOT_ID, MicrosoftAppPassword: "secret", BOT_DOMAIN: DOMAIN });
      assert.equal(result.status, 0, result.stderr);
      const zip = await JSZip.loadAsync(readFileSync(join(cwd, "build", "appPackage.zip")));
      const manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as Json;
      assert.equal(manifest["bots"][0]["botId"], BOT_ID);
      assert.deepEqual(manifest["validDomains"], [DOMAIN]);
    });

    it("adds Teams single sign-on when SSO_APP_ID_URI is set", async () => {
      const sso = `api://${DOMAIN}/${BOT_ID}`;
      const result = run([], { MicrosoftAppId: BOT_ID, MicrosoftAppPassword: "secret", BOT_DOMAIN: DOMAIN, SSO_APP_ID_URI: sso });
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /single sign-on/);
      const zip = await JSZip.loadAsync(readFileSync(join(cwd, "build", "appPackage.zip")));
      const manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as Json;
      assert.deepEqual(manifest["webApplicationInfo"], { id: BOT_ID, resource: sso });
      assert.deepEqual(manifest["validDomains"], [DOMAIN, "token.botframework.com"]);
    });

    it("writes to --out with --bot-id and --domain", async () => {
      const out = join(cwd, "nested", "app.zip");
      const result = run(["--bot-id", BOT_ID, "--domain", "other.example.com", "--out", out]);
      assert.equal(result.status, 0, result.stderr);
      const zip = await JSZip.loadAsync(readFileSync(out));
      assert.deepEqual(Object.keys(zip.files).sort(), ["color.png", "manifest.json", "outline.png", "tr-tr.json"]);
      assert.deepEqual(JSON.parse(await zip.file("manifest.json")!.async("string"))["validDomains"], ["other.example.com"]);
    });
  });
});
