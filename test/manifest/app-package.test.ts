import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { AppPackageError, buildAppPackage, MANIFEST_DIR } from "../../scripts/app-package/build";
import { validateManifestSchema } from "../../scripts/app-package/schema";
import { parsePackageArgs, readBotSettingsFromEnvironment, resolvePackageSettings, SettingsError } from "../../scripts/app-package/settings";
import { BOT_ID, DOMAIN, Json } from "./fixtures";

describe("Teams app package", () => {
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
      assert.deepEqual(manifest["copilotAgents"]["customEngineAgents"], [{ id: BOT_ID, type: "bot" }], "also a Microsoft 365 Copilot agent");
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
});
