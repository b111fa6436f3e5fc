import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MANIFEST_DIR } from "../../scripts/app-package/build";
import { fillPlaceholders, findPlaceholders, isBareHostName, isGuid } from "../../scripts/app-package/placeholders";
import { checkTeamsRules, commandListsOf } from "../../scripts/app-package/rules";
import { bundledSchemaPath, validateManifestSchema } from "../../scripts/app-package/schema";
import { BOT_ID, clone, DOMAIN, filled, readJson } from "./fixtures";

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
      assert.deepEqual(bot["scopes"], ["personal", "team", "groupChat", "copilot"]);
      assert.equal(bot["supportsFiles"], true);
      assert.equal(bot["isNotificationOnly"], false);
    });

    it("has one command list per scope, each with at most 10 unique, described commands", () => {
      // Microsoft 365 Copilot offers the personal commands as prompt starters.
      assert.deepEqual(lists.map((l) => l.scopes), [["personal", "copilot"], ["team"], ["groupChat"]]);
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
      m["bots"][0]["scopes"] = ["personal", "team", "groupChat"];
      const problems = checkTeamsRules(m);
      assert.ok(problems.some((p) => /commandLists\[0\] has 11 commands/.test(p)), problems.join("; "));
      assert.ok(problems.some((p) => /commandLists\[1\] has the command "Invite" more than once/.test(p)));
      assert.ok(problems.some((p) => /scope "copilot", which the bot does not declare/.test(p)));
    });
  });

  describe("Microsoft 365 Copilot", () => {
    it("declares the bot as the app's custom engine agent, in personal and copilot scope, valid against the official schema", async () => {
      const manifest = filled();
      assert.deepEqual(manifest["copilotAgents"], { customEngineAgents: [{ id: BOT_ID, type: "bot" }] });
      const bot = manifest["bots"][0];
      assert.equal(bot["botId"], BOT_ID);
      assert.ok(bot["scopes"].includes("personal") && bot["scopes"].includes("copilot"));
      assert.deepEqual(await validateManifestSchema(manifest), []);
      assert.deepEqual(checkTeamsRules(manifest), []);
    });

    it("the official schema rejects a malformed custom engine agent", async () => {
      const manifest = filled();
      manifest["copilotAgents"] = { customEngineAgents: [{ id: "not-a-guid", type: "assistant" }] };
      const errors = await validateManifestSchema(manifest);
      assert.ok(errors.some((e) => e.includes("/copilotAgents/customEngineAgents/0")), errors.join("; "));
    });

    it("the rule check flags an agent that is not one of the bots, or whose bot lacks the personal or copilot scope", () => {
      const stranger = filled();
      stranger["copilotAgents"]["customEngineAgents"][0].id = "00000000-0000-4000-8000-000000000009";
      assert.ok(checkTeamsRules(stranger).some((p) => /customEngineAgents\[0\] names 00000000-0000-4000-8000-000000000009, which is not a bot/.test(p)));
      const teamOnly = filled();
      teamOnly["bots"][0]["scopes"] = ["team"];
      teamOnly["bots"][0]["commandLists"] = [];
      const problems = checkTeamsRules(teamOnly);
      assert.ok(problems.some((p) => /does not declare the personal scope/.test(p)), problems.join("; "));
      assert.ok(problems.some((p) => /does not declare the copilot scope/.test(p)), problems.join("; "));
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
});
