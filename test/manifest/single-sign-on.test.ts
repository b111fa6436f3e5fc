import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { buildAppPackage, fillManifestTemplate, MANIFEST_DIR, SSO_OVERLAY } from "../../scripts/app-package/build";
import { findPlaceholders, isSsoResourceFor } from "../../scripts/app-package/placeholders";
import { checkTeamsRules, translationCoverage } from "../../scripts/app-package/rules";
import { loadBundledSchema, validateManifestSchema } from "../../scripts/app-package/schema";
import { parsePackageArgs, readBotSettingsFromEnvironment, resolvePackageSettings, SettingsError } from "../../scripts/app-package/settings";
import { BOT_ID, clone, DOMAIN, Json, readJson } from "./fixtures";

describe("Teams app package", () => {
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
});
