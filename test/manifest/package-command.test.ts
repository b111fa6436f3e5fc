import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { BOT_ID, DOMAIN, Json, REPO } from "./fixtures";

describe("Teams app package", () => {
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
