/**
 * The manifest template (manifest/manifest.json) holds `${{NAME}}` placeholders that are
 * filled at packaging time: BOT_ID (the bot's Microsoft App ID) and BOT_DOMAIN (its host).
 * The single sign-on overlay (manifest/sso.json) also uses SSO_APP_ID_URI.
 */

export interface PlaceholderValues {
  BOT_ID: string;
  BOT_DOMAIN: string;
  /** Only for the single sign-on overlay: the bot's app ID URI (webApplicationInfo.resource). */
  SSO_APP_ID_URI?: string;
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const APP_ID_URI = /^api:\/\/[^\s"]+$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/**
 * A bare DNS host name such as `guestpass.example.com`: at least two labels, no scheme,
 * port, path, wildcard or IP address.
 */
export function isBareHostName(value: string): boolean {
  const host = value.toLowerCase();
  if (host.length === 0 || host.length > 253) return false;
  const labels = host.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return false;
  return /[a-z]/.test(labels[labels.length - 1]!); // a top-level label is never all digits (rules out IPv4)
}

/**
 * The app ID URI Teams single sign-on asks tokens for: `api://<domain>/<bot id>` (or `api://<domain>/botid-<bot id>`,
 * `api://botid-<bot id>`). It must belong to the bot's own app registration, so it ends with the bot id.
 */
export function isSsoResourceFor(resource: string, botId: string): boolean {
  return APP_ID_URI.test(resource) && resource.toLowerCase().endsWith(botId.toLowerCase());
}

/** Names of the placeholders still present in a text. */
export function findPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * Replaces every placeholder in the template text. Values are inserted JSON-escaped, so the
 * result stays valid JSON. Throws when the template uses a placeholder with no value.
 */
export function fillPlaceholders(template: string, values: PlaceholderValues): string {
  const known = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Record<string, string>;
  const unknown = findPlaceholders(template).filter((name) => !(name in known));
  if (unknown.length > 0) {
    throw new Error(`the manifest template uses unknown placeholder(s): ${unknown.map((n) => "${{" + n + "}}").join(", ")}`);
  }
  return template.replace(PLACEHOLDER, (_match, name: string) => JSON.stringify(known[name]).slice(1, -1));
}
