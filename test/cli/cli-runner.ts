import { CliIo, runCli } from '../../src/cli';
import { GuestPassOverrides } from '../../src/index';
import { GraphStage } from '../bulk/support/graph-stage';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = Record<string, unknown>>(): T;
}

/** A stream that keeps what is written, like a pipe (or, with `isTTY`, a terminal). */
export function captured(isTTY = false): CliIo['stdout'] & { text: string } {
  const stream = {
    text: '',
    isTTY,
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream;
}

/** `guestpass …argv` in this process, configured like the bot would be to reach `stage`. */
export async function cli(
  stage: GraphStage | undefined,
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; overrides?: GuestPassOverrides; signal?: AbortSignal; stderr?: ReturnType<typeof captured> } = {},
): Promise<CliRun> {
  const stdout = captured();
  const stderr = options.stderr ?? captured();
  const env = stage ? stage.env(options.env) : { ...options.env };
  const code = await runCli(argv, { stdout, stderr, env, overrides: options.overrides, signal: options.signal });
  return { code, stdout: stdout.text, stderr: stderr.text, json: () => JSON.parse(stdout.text) };
}
