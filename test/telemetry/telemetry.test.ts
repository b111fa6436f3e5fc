import assert from 'node:assert/strict';
import { AggregationTemporality, DataPoint, MetricReader, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { CountingAuditTrail } from '../../src/telemetry/counting-audit-trail';
import { routeTemplate } from '../../src/telemetry/graph-telemetry';
import { METRIC_NAMES } from '../../src/telemetry/instruments';
import { RunningTelemetry, startTelemetry } from '../../src/telemetry/start-telemetry';
import { createMemoryStore } from '../../src/storage';
import { BotHarness } from '../integration/bot-harness';
import { personalMessage } from '../support/teams-activities';

/** Reads metrics when the test asks (collect()), as an exporter's periodic reader would. */
class CollectingReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

function points(collected: ResourceMetrics, name: string): DataPoint<unknown>[] {
  return collected.scopeMetrics.flatMap((scope) => scope.metrics.filter((metric) => metric.descriptor.name === name).flatMap((metric) => metric.dataPoints as DataPoint<unknown>[]));
}

/** What must never appear in telemetry: addresses, tokens, redeem links, URLs with hosts. */
const FORBIDDEN = /@|eyJ|redeem|https?:|tailspin|Bearer/i;

describe('telemetry', () => {
  let telemetry: RunningTelemetry | undefined;
  let bot: BotHarness | undefined;
  const spans = new InMemorySpanExporter();
  let reader: CollectingReader;

  beforeEach(() => {
    spans.reset();
    reader = new CollectingReader();
    telemetry = startTelemetry({ traces: [], metrics: [] }, { spanProcessors: [new SimpleSpanProcessor(spans)], metricReaders: [reader] });
  });
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await telemetry?.shutdown();
  });

  it('traces a turn and its Graph calls, and counts invitations, throttling, Graph latency and job runs, naming no person', async () => {
    bot = await BotHarness.start();
    // Graph throttles the invitation once; the RetryHandler waits Retry-After and tries again.
    bot.simulator.enqueueFault({ method: 'POST', pathPrefix: '/v1.0/invitations' }, { status: 429, headers: { 'Retry-After': '0' } });
    await bot.say(personalMessage('invite jo.guest@tailspin.com --no-email', bot.activityOptions({ conversationId: 'a:telemetry' })));
    await bot.app.housekeeping.runOnce();

    const finished: ReadableSpan[] = spans.getFinishedSpans();
    const turn = finished.find((span) => span.name === 'turn');
    assert.ok(turn, `a turn span among ${finished.map((span) => span.name).join(', ')}`);
    assert.equal(turn.attributes['guestpass.activity.type'], 'message');
    assert.equal(turn.attributes['guestpass.command'], 'invite');

    const invitation = finished.find((span) => span.name === 'graph POST /v1.0/invitations');
    assert.ok(invitation, `a Graph span among ${finished.map((span) => span.name).join(', ')}`);
    assert.equal(invitation.attributes['http.request.method'], 'POST');
    assert.equal(invitation.attributes['url.template'], '/v1.0/invitations');
    assert.equal(invitation.attributes['http.response.status_code'], 201);
    assert.equal(invitation.attributes['guestpass.graph.retries'], 1);
    assert.equal(invitation.parentSpanContext?.spanId, turn.spanContext().spanId, 'the Graph call is a child of its turn');

    for (const span of finished) {
      assert.doesNotMatch(span.name, FORBIDDEN, `span name ${span.name}`);
      for (const [key, value] of Object.entries(span.attributes)) assert.doesNotMatch(String(value), FORBIDDEN, `${span.name} ${key}=${String(value)}`);
    }

    const { resourceMetrics, errors } = await reader.collect();
    assert.deepEqual(errors, []);
    const invited = points(resourceMetrics, METRIC_NAMES.invitations);
    assert.deepEqual(invited.map((point) => [point.attributes, point.value]), [[{ outcome: 'invited' }, 1]]);
    const throttled = points(resourceMetrics, METRIC_NAMES.graphThrottled);
    assert.deepEqual(throttled.map((point) => [point.attributes, point.value]), [[{ 'http.request.method': 'POST', 'url.template': '/v1.0/invitations' }, 1]]);
    const durations = points(resourceMetrics, METRIC_NAMES.graphDuration);
    assert.ok(durations.some((point) => point.attributes['url.template'] === '/v1.0/invitations' && point.attributes['http.response.status_code'] === 201));
    assert.deepEqual(points(resourceMetrics, METRIC_NAMES.jobRuns).map((point) => [point.attributes, point.value]), [[{ job: 'housekeeping', outcome: 'succeeded' }, 1]]);
    for (const name of Object.values(METRIC_NAMES)) {
      for (const point of points(resourceMetrics, name)) {
        for (const value of Object.values(point.attributes)) assert.doesNotMatch(String(value), FORBIDDEN, `${name}: ${String(value)}`);
      }
    }
  });

  it('counts approval decisions from the audit trail', async () => {
    const audit = new CountingAuditTrail(createMemoryStore().audit);
    await audit.append({ at: new Date().toISOString(), event: 'request.approved', requestId: 'R1', subject: 'a@b.example' });
    await audit.append({ at: new Date().toISOString(), event: 'request.rejected', requestId: 'R2', subject: 'c@d.example' });
    await audit.append({ at: new Date().toISOString(), event: 'request.created', requestId: 'R3', subject: 'e@f.example' });
    const { resourceMetrics } = await reader.collect();
    const decisions = points(resourceMetrics, METRIC_NAMES.approvals).map((point) => [point.attributes.decision, point.value]);
    assert.deepEqual(decisions.sort(), [['approved', 1], ['rejected', 1]]);
  });

  it('reduces Graph paths to route templates, keeping no id, address or filter value', () => {
    assert.equal(routeTemplate('https://graph.microsoft.com/v1.0/users/9f3c2d1e-0000-4000-8000-000000000001/sponsors?$select=id'), '/v1.0/users/{id}/sponsors');
    assert.equal(routeTemplate('https://graph.microsoft.com/v1.0/users/jo%40tailspin.com'), '/v1.0/users/{id}');
    assert.equal(routeTemplate("https://graph.microsoft.com/v1.0/users?$filter=mail eq 'jo@tailspin.com'"), '/v1.0/users');
    assert.equal(routeTemplate('https://graph.microsoft.com/v1.0/groups/g1/transitiveMembers/microsoft.graph.user'), '/v1.0/groups/{id}/transitiveMembers/microsoft.graph.user');
  });
});
