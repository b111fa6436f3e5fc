/**
 * Offline JSON-schema validation of the Teams app manifest and its localization files,
 * using the schemas bundled in `@microsoft/app-manifest` (v1.0 - v1.30).
 *
 * `AppManifestUtils.validateAgainstSchema(manifest)` would download the schema when the
 * `$schema` URL is not bundled; here the schema file is always resolved from the package
 * and passed explicitly, so validation never touches the network and an unbundled version
 * is a clear error instead of a hang.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { AppManifestUtils, type AppManifest } from "@microsoft/app-manifest";

export type JsonSchema = Record<string, unknown>;

const SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/(v\d+\.\d+|vDevPreview)\/(MicrosoftTeams(?:\.Localization)?\.schema\.json)$/;

/** Path of the bundled copy of a Teams schema URL; throws when the URL is not one the package bundles. */
export function bundledSchemaPath(schemaUrl: unknown): string {
  if (typeof schemaUrl !== "string") throw new Error("the file has no $schema URL");
  const match = SCHEMA_URL.exec(schemaUrl);
  if (!match) {
    throw new Error(
      `$schema "${schemaUrl}" is not a Teams schema URL of the form ` +
        "https://developer.microsoft.com/json-schemas/teams/vX.Y/MicrosoftTeams[.Localization].schema.json",
    );
  }
  const packageBuildDir = dirname(require.resolve("@microsoft/app-manifest"));
  const file = join(packageBuildDir, "json-schemas", "teams", match[1]!, match[2]!);
  if (!existsSync(file)) {
    throw new Error(
      `$schema "${schemaUrl}": schema ${match[1]} is not bundled with @microsoft/app-manifest, ` +
        "so it cannot be validated offline (pick a bundled version)",
    );
  }
  return file;
}

/** Loads a bundled Teams schema (same clean-up as AppManifestUtils.fetchSchema does). */
export function loadBundledSchema(schemaUrl: unknown): JsonSchema {
  const raw = readFileSync(bundledSchemaPath(schemaUrl), "utf8");
  return JSON.parse(raw.replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b")) as JsonSchema;
}

/**
 * Escapes a `]` that does not close a character class. Such a "lone" bracket means a literal
 * `]` in ordinary JavaScript regexes but is a syntax error with the `u` flag that ajv uses,
 * and the bundled localization schemas have it in some pattern keys
 * (e.g. `activityTypes\[\b(...)\b]\.description`). Escaping it keeps the meaning.
 */
export function escapeLoneBrackets(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\") {
      out += ch + (pattern[i + 1] ?? "");
      i++;
    } else if (ch === "[" && !inClass) {
      inClass = true;
      out += ch;
    } else if (ch === "]") {
      out += inClass ? ch : "\\]";
      inClass = false;
    } else {
      out += ch;
    }
  }
  return out;
}

/** Returns a copy of a schema whose patternProperties keys compile as Unicode regexes. */
export function unicodeSafeSchema(schema: JsonSchema): JsonSchema {
  const patterns = schema["patternProperties"] as Record<string, unknown> | undefined;
  if (!patterns) return schema;
  const fixed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patterns)) fixed[escapeLoneBrackets(key)] = value;
  return { ...schema, patternProperties: fixed };
}

async function validate(document: unknown, schema: JsonSchema): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(
    document as AppManifest,
    schema as unknown as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1],
  );
}

/** Validates a filled Teams manifest against the bundled schema named by its `$schema`. */
export async function validateManifestSchema(manifest: Record<string, unknown>): Promise<string[]> {
  return validate(manifest, loadBundledSchema(manifest["$schema"]));
}

/** Validates a localization file (e.g. tr-tr.json) against the bundled localization schema. */
export async function validateLocalizationSchema(localization: Record<string, unknown>): Promise<string[]> {
  return validate(localization, unicodeSafeSchema(loadBundledSchema(localization["$schema"])));
}

/** Names and patterns of the localizable manifest strings, from a localization schema. */
export function localizableKeyMatchers(localizationSchema: JsonSchema): Array<(key: string) => boolean> {
  const named = Object.keys((localizationSchema["properties"] as Record<string, unknown>) ?? {}).filter(
    (k) => k !== "$schema" && k !== "localizationKeys",
  );
  const patterns = Object.keys((localizationSchema["patternProperties"] as Record<string, unknown>) ?? {}).map(
    (p) => new RegExp(escapeLoneBrackets(p), "u"),
  );
  return [...named.map((n) => (key: string) => key === n), ...patterns.map((re) => (key: string) => re.test(key))];
}
