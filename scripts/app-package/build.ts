/**
 * Builds the Teams app package: fills the manifest template, validates everything offline
 * and zips manifest.json with the icon and localization files it references.
 */
import { readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import JSZip from "jszip";
import { checkIcons } from "./icons";
import { fillPlaceholders, isBareHostName, isGuid, isSsoResourceFor } from "./placeholders";
import { checkTeamsRules, translationCoverage } from "./rules";
import { loadBundledSchema, validateLocalizationSchema, validateManifestSchema } from "./schema";

/** manifest/ at the repository root: manifest.json (the template), icons, localization files. */
export const MANIFEST_DIR = resolve(__dirname, "..", "..", "manifest");
export const MANIFEST_TEMPLATE = "manifest.json";
/** What Teams single sign-on adds to the manifest (webApplicationInfo, the token service's domain). */
export const SSO_OVERLAY = "sso.json";

export interface BuildOptions {
  botId: string;
  domain: string;
  /** Directory holding manifest.json and the files it references (default: manifest/). */
  manifestDir?: string;
  /** The bot's app ID URI (SSO_APP_ID_URI): adds webApplicationInfo for Teams single sign-on (delegated modes). */
  ssoResource?: string;
}

export interface AppPackage {
  /** The zip file contents. */
  zip: Buffer;
  /** The filled manifest, as written into the zip. */
  manifest: Record<string, unknown>;
  /** Names of the files in the zip (all at its root). */
  files: string[];
}

/** Thrown when the package would be invalid; `problems` lists every issue found. */
export class AppPackageError extends Error {
  override name = "AppPackageError";
  constructor(readonly problems: string[]) {
    super(`the Teams app package is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

type Json = Record<string, unknown>;

/**
 * Reads the template and returns the filled manifest object (no validation). With an SSO resource, the single
 * sign-on overlay is filled too and merged in: its webApplicationInfo, and its valid domains after the bot's.
 */
export function fillManifestTemplate(botId: string, domain: string, manifestDir = MANIFEST_DIR, ssoResource?: string): Json {
  const values = { BOT_ID: botId, BOT_DOMAIN: domain, SSO_APP_ID_URI: ssoResource };
  const read = (name: string) => JSON.parse(fillPlaceholders(readFileSync(join(manifestDir, name), "utf8"), values)) as Json;
  const manifest = read(MANIFEST_TEMPLATE);
  if (ssoResource === undefined) return manifest;
  const overlay = read(SSO_OVERLAY);
  const domains = [...((manifest["validDomains"] as string[] | undefined) ?? []), ...((overlay["validDomains"] as string[] | undefined) ?? [])];
  return { ...manifest, webApplicationInfo: overlay["webApplicationInfo"], validDomains: [...new Set(domains)] };
}

/** File names the manifest refers to (icons, localization files); they must sit next to it. */
function referencedFiles(manifest: Json): { icons: { color?: string; outline?: string }; localizations: string[] } {
  const icons = (manifest["icons"] as { color?: string; outline?: string } | undefined) ?? {};
  const info = manifest["localizationInfo"] as
    | { defaultLanguageFile?: string; additionalLanguages?: Array<{ file: string }> }
    | undefined;
  const localizations = [
    ...(info?.defaultLanguageFile ? [info.defaultLanguageFile] : []),
    ...(info?.additionalLanguages ?? []).map((l) => l.file),
  ];
  return { icons, localizations };
}

function readReferenced(manifestDir: string, name: string, problems: string[]): Buffer | undefined {
  if (basename(name) !== name) {
    problems.push(`"${name}" must be a plain file name: the package keeps every file at the zip root`);
    return undefined;
  }
  try {
    return readFileSync(join(manifestDir, name));
  } catch {
    problems.push(`"${name}" is referenced by the manifest but ${join(manifestDir, name)} cannot be read`);
    return undefined;
  }
}

/** Builds the package in memory; throws AppPackageError listing all problems when invalid. */
export async function buildAppPackage(options: BuildOptions): Promise<AppPackage> {
  const manifestDir = options.manifestDir ?? MANIFEST_DIR;
  const problems: string[] = [];
  if (!isGuid(options.botId)) problems.push(`bot id "${options.botId}" (MicrosoftAppId) is not a GUID`);
  if (!isBareHostName(options.domain)) problems.push(`domain "${options.domain}" (BOT_DOMAIN) is not a bare host name`);
  if (options.ssoResource !== undefined && !isSsoResourceFor(options.ssoResource, options.botId)) {
    problems.push(`SSO resource "${options.ssoResource}" (SSO_APP_ID_URI) is not an api:// URI ending with the bot id`);
  }
  if (problems.length > 0) throw new AppPackageError(problems);

  const manifest = fillManifestTemplate(options.botId, options.domain, manifestDir, options.ssoResource);
  problems.push(...(await validateManifestSchema(manifest)).map((e) => `manifest.json schema: ${e}`));
  problems.push(...checkTeamsRules(manifest).map((e) => `manifest.json: ${e}`));

  const files = new Map<string, Buffer>();
  const { icons, localizations } = referencedFiles(manifest);
  const color = icons.color ? readReferenced(manifestDir, icons.color, problems) : undefined;
  const outline = icons.outline ? readReferenced(manifestDir, icons.outline, problems) : undefined;
  if (color && outline && icons.color && icons.outline) {
    problems.push(...checkIcons({ color, outline }, { color: icons.color, outline: icons.outline }));
    files.set(icons.color, color);
    files.set(icons.outline, outline);
  }

  for (const name of localizations) {
    const bytes = readReferenced(manifestDir, name, problems);
    if (!bytes) continue;
    let localization: Json;
    try {
      localization = JSON.parse(bytes.toString("utf8")) as Json;
    } catch (err) {
      problems.push(`${name}: invalid JSON: ${(err as Error).message}`);
      continue;
    }
    try {
      problems.push(...(await validateLocalizationSchema(localization)).map((e) => `${name} schema: ${e}`));
      const coverage = translationCoverage(manifest, localization, loadBundledSchema(localization["$schema"]));
      problems.push(...coverage.missing.map((k) => `${name}: no translation for "${k}"`));
      problems.push(...coverage.unknown.map((k) => `${name}: "${k}" matches no string in manifest.json`));
    } catch (err) {
      problems.push(`${name}: ${(err as Error).message}`);
    }
    files.set(name, bytes);
  }

  if (problems.length > 0) throw new AppPackageError(problems);

  const zip = new JSZip();
  zip.file("manifest.json", JSON.stringify(manifest, null, 2) + "\n");
  for (const [name, bytes] of files) zip.file(name, bytes);
  const buffer = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
  return { zip: buffer, manifest, files: ["manifest.json", ...files.keys()] };
}
