/**
 * `npm run package [-- --bot-id <guid> --domain <host> --sso-resource <uri> --out <file>]`
 *
 * Builds the Teams app package (default build/appPackage.zip). The bot id and domain come
 * from the options or else from the environment (MicrosoftAppId, BOT_DOMAIN, read through
 * src/config so `.env` is honoured); so does the single sign-on resource (SSO_APP_ID_URI).
 * The logic lives in scripts/app-package/; this file only wires it to the command line.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { AppPackageError, buildAppPackage } from "./app-package/build";
import { parsePackageArgs, resolvePackageSettings, SettingsError, USAGE } from "./app-package/settings";

async function main(argv: string[]): Promise<number> {
  const options = parsePackageArgs(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const settings = resolvePackageSettings(options);
  const pkg = await buildAppPackage({ botId: settings.botId, domain: settings.domain, ssoResource: settings.ssoResource });
  mkdirSync(dirname(settings.out), { recursive: true });
  writeFileSync(settings.out, pkg.zip);
  const shown = relative(process.cwd(), settings.out);
  console.log(
    `Wrote ${shown.startsWith("..") ? settings.out : shown} (${pkg.zip.length} bytes: ${pkg.files.join(", ")})\n` +
      `  bot id ${settings.botId}, domain ${settings.domain}, manifest v${String(pkg.manifest["manifestVersion"])}` +
      (settings.ssoResource ? `\n  Teams single sign-on for ${settings.ssoResource}` : ""),
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof SettingsError || err instanceof AppPackageError) {
      console.error(`package-app: ${err.message}`);
    } else {
      console.error("package-app: unexpected error:", err);
    }
    process.exit(1);
  },
);
