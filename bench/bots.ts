import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotProcess } from '../test/support/bot-process';
import { ExternalServices } from '../test/support/external-services';

/**
 * The two bots every process-level benchmark compares, started the same way (`node --import tsx <script>`,
 * output discarded): GuestPass configured as in production against a tenant — here Entra ID and Graph simulated
 * at 0 ms in the benchmark's own process, over https, so the bot pays for its Graph client and token handling
 * but not for the simulator — with STORE=memory, and the bare echo bot on the same botbuilder + restify stack.
 * `guestpass-sqlite` is the same with the production default store, an SQLite file in a scratch folder.
 */
export type BotKind = 'guestpass' | 'guestpass-sqlite' | 'echo';

/** A policy that lets the benchmark's single requester make thousands of requests (the default quota is 50/day). */
export function writeBenchPolicy(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'guestpass-bench-')), 'policy.yaml');
  writeFileSync(path, 'dailyQuotaPerRequester: 10000\n');
  return path;
}

export function startBot(kind: BotKind, policyFile: string, cloud: ExternalServices): Promise<BotProcess> {
  if (kind === 'echo') return BotProcess.start({ script: 'bench/echo-bot.ts', env: {}, captureChars: 0 });
  const store: Record<string, string> =
    kind === 'guestpass' ? { STORE: 'memory' } : { STORE: 'sqlite', DATA_DIR: mkdtempSync(join(tmpdir(), 'guestpass-bench-data-')) };
  return BotProcess.start({
    script: 'src/index.ts',
    env: cloud.botEnv({ NODE_ENV: 'development', LOG_LEVEL: 'info', POLICY_FILE: policyFile, ...store }),
    captureChars: 0,
  });
}
