import pino, { Logger } from 'pino';
import { LogDestination } from './log-destination';
import { REDACTED_PATHS, scrubText } from './redaction';

export type { Logger } from 'pino';

/**
 * Structured JSON logs (one object a line, for App Service / Log Analytics), with secrets, tokens and redeem
 * URLs removed both from known fields and from free text. Standard output unless a destination is given; see
 * `LogDestination` for why a failing standard output cannot hurt the process.
 */
export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'guestpass' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError, error: serializeError },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)) as Parameters<typeof method>;
          method.apply(this, scrubbed);
        },
      },
    },
    options.destination ?? new LogDestination(),
  );
}

/** Errors keep their type and message (scrubbed) but not arbitrary properties, which may hold request bodies. */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrubText(String(error)) };
  const details = error as Error & { code?: unknown; statusCode?: unknown; kind?: unknown; requestId?: unknown };
  return {
    type: error.name,
    message: scrubText(error.message),
    code: typeof details.code === 'string' ? details.code : undefined,
    statusCode: typeof details.statusCode === 'number' ? details.statusCode : undefined,
    kind: typeof details.kind === 'string' ? details.kind : undefined,
    requestId: typeof details.requestId === 'string' ? details.requestId : undefined,
    stack: error.stack ? scrubText(error.stack) : undefined,
  };
}
