/**
 * Whether `npm run playground` uses the bot that already answers, or starts its own. A running bot was started
 * with its own settings, which the script cannot see: when the person gives settings of the bot in the
 * environment (POLICY_FILE, STORE, …), quietly using that bot would try something else than they asked for.
 */
import { createServer } from 'node:net';

/** The variables of the bot's configuration (`environmentSchema` in src/config/schema.ts), read through tsx. */
export async function botSettingNames() {
  const { tsImport } = await import('tsx/esm/api');
  const { environmentSchema } = await tsImport('../../src/config/schema.ts', import.meta.url);
  return Object.keys(environmentSchema.shape);
}

/**
 * The bot settings given in this environment, sorted. PORT (where to look for the bot) and LOG_LEVEL (how much it
 * logs) change nothing one tries, so they are left out.
 * @param {Record<string, string | undefined>} env the script's own environment (not `.env`, which `npm start` reads too)
 * @param {readonly string[]} names what `botSettingNames` returns
 */
export function givenSettings(env, names) {
  return names.filter((name) => !IGNORED.includes(name) && env[name] !== undefined && env[name] !== '').sort();
}

const IGNORED = ['PORT', 'LOG_LEVEL'];

/**
 * @param {{ answering: boolean, attach: boolean, loopback: boolean, settings: readonly string[], botBase: string }} situation
 * @returns {{ action: 'use', warning?: string } | { action: 'start' } | { action: 'startOnFreePort', note: string } | { action: 'refuse', message: string }}
 *   `start`: on the bot's own address (nothing answers there); `startOnFreePort`: beside the bot that answers.
 */
export function chooseBot({ answering, attach, loopback, settings, botBase }) {
  if (!answering) return { action: 'start' };
  if (settings.length === 0) return { action: 'use' };
  const named = settings.join(', ');
  if (attach) {
    return {
      action: 'use',
      warning:
        `Warning: using the bot at ${botBase} (--attach), which was started with its own settings: ${named} ` +
        'from this terminal do not reach it.',
    };
  }
  if (!loopback) {
    return {
      action: 'refuse',
      message:
        `A bot answers at ${botBase}, but it may not run with the settings you gave (${named}), and it is not on ` +
        'this machine, so GuestPass cannot be started beside it. Leave out the settings, or add --attach to use that bot as it is.',
    };
  }
  return {
    action: 'startOnFreePort',
    note:
      `A bot already answers at ${botBase}, but it may not run with the settings you gave (${named}); ` +
      'starting GuestPass with them on a free port instead (the running bot is left alone).',
  };
}

/** A TCP port nobody listens on at the moment, on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
