import { Attributes, metrics, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * GuestPass's spans and metrics, through the OpenTelemetry API only. Without a configured SDK (see
 * start-telemetry.ts) the API's no-op tracer and meter answer, so all of this costs next to nothing when off.
 * Attributes are names from a fixed vocabulary (commands, verbs, outcomes, route templates) and numbers: never
 * an address, a name, a token, a redeem URL or message text.
 */
const SCOPE = 'guestpass';

let on = false;

/** Set by startTelemetry once an SDK is registered; parts that cost something per call (Graph middleware) check it. */
export function telemetryIsOn(): boolean {
  return on;
}

export function setTelemetryOn(value: boolean): void {
  on = value;
}

export const METRIC_NAMES = {
  invitations: 'guestpass.invitations',
  approvals: 'guestpass.approvals',
  graphThrottled: 'guestpass.graph.throttled',
  graphDuration: 'guestpass.graph.duration',
  jobRuns: 'guestpass.jobs.runs',
} as const;

function meter() {
  return metrics.getMeter(SCOPE);
}

/** Invitations sent to Graph, by `outcome` (invited, failed, recovered) and, when failed, the error kind. */
export function countInvitation(outcome: 'invited' | 'failed' | 'recovered', errorKind?: string): void {
  const attributes: Attributes = { outcome };
  if (errorKind) attributes['error.type'] = errorKind;
  meter().createCounter(METRIC_NAMES.invitations, { description: 'Invitations by outcome' }).add(1, attributes);
}

export function countApproval(decision: 'approved' | 'rejected'): void {
  meter().createCounter(METRIC_NAMES.approvals, { description: 'Approval decisions' }).add(1, { decision });
}

/** One Graph response with 429 (each attempt, retried or not). */
export function countThrottled(attributes: Attributes): void {
  meter().createCounter(METRIC_NAMES.graphThrottled, { description: 'Graph responses 429 (throttled)' }).add(1, attributes);
}

/** A whole Graph call, its retries included. */
export function recordGraphDuration(seconds: number, attributes: Attributes): void {
  meter().createHistogram(METRIC_NAMES.graphDuration, { description: 'Duration of Graph calls, retries included', unit: 's' }).record(seconds, attributes);
}

export function countJobRun(job: string, outcome: 'succeeded' | 'failed'): void {
  meter().createCounter(METRIC_NAMES.jobRuns, { description: 'Job rounds run by this instance' }).add(1, { job, outcome });
}

/** Runs `work` in a span named `name`; an exception marks the span as an error (its type only) and is rethrown. */
export async function inSpan<T>(name: string, kind: SpanKind, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  return trace.getTracer(SCOPE).startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute('error.type', error instanceof Error ? error.name : 'unknown');
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Adds attributes to the span of the turn (or Graph call) in progress, if telemetry is on. */
export function annotateActiveSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}
