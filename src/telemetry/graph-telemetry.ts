import { SpanKind } from '@opentelemetry/api';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { countThrottled, inSpan, recordGraphDuration } from './instruments';

/**
 * Path segments kept as they are in a route template; every other segment (an id, an address, a group name) is
 * replaced by `{id}`, and the query (which holds filter values) is dropped. An allow-list, so that a path GuestPass
 * starts calling later can at worst read `/users/{id}/{id}`, never leak what it addressed.
 */
const ROUTE_WORDS = new Set([
  'v1.0',
  'beta',
  '$batch',
  '$ref',
  '$count',
  'users',
  'invitations',
  'groups',
  'teams',
  'members',
  'transitiveMembers',
  'memberOf',
  'transitiveMemberOf',
  'checkMemberGroups',
  'getMemberGroups',
  'directoryObjects',
  'getByIds',
  'sponsors',
  'organization',
  'domains',
  'me',
  'microsoft.graph.user',
  'microsoft.graph.group',
]);

/** `/v1.0/users/9f3c…/sponsors?$select=id` → `/v1.0/users/{id}/sponsors`. */
export function routeTemplate(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split('?')[0] ?? '';
  }
  return path
    .split('/')
    .map((segment) => {
      if (segment === '') return segment;
      let word = segment;
      try {
        word = decodeURIComponent(segment);
      } catch {
        // Not valid percent-encoding: certainly not a route word.
      }
      return ROUTE_WORDS.has(word) ? word : '{id}';
    })
    .join('/');
}

const attempts = new WeakMap<Context, number>();

/**
 * First link of the Graph middleware chain: one span per Graph call (method, route template, final status, how
 * many retries the RetryHandler made) and the call's duration. Pairs with `GraphAttemptTelemetry`, the link just
 * before the HTTP handler, which sees each attempt.
 */
export class GraphCallTelemetry implements Middleware {
  private next?: Middleware;

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const method = (context.options?.method ?? 'GET').toUpperCase();
    const route = routeTemplate(url);
    const started = performance.now();
    attempts.set(context, 0);
    await inSpan(`graph ${method} ${route}`, SpanKind.CLIENT, { 'http.request.method': method, 'url.template': route }, async (span) => {
      let status: number | undefined;
      try {
        await this.next!.execute(context);
        status = context.response?.status;
      } finally {
        const retries = Math.max(0, (attempts.get(context) ?? 1) - 1);
        span.setAttribute('guestpass.graph.retries', retries);
        if (status !== undefined) span.setAttribute('http.response.status_code', status);
        recordGraphDuration((performance.now() - started) / 1000, {
          'http.request.method': method,
          'url.template': route,
          ...(status === undefined ? { 'error.type': 'network' } : { 'http.response.status_code': status }),
        });
      }
    });
  }
}

/** Counts each attempt of a Graph call (for the retry count) and each throttled (429) answer. */
export class GraphAttemptTelemetry implements Middleware {
  private next?: Middleware;

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    attempts.set(context, (attempts.get(context) ?? 0) + 1);
    await this.next!.execute(context);
    if (context.response?.status === 429) {
      const url = typeof context.request === 'string' ? context.request : context.request.url;
      countThrottled({ 'http.request.method': (context.options?.method ?? 'GET').toUpperCase(), 'url.template': routeTemplate(url) });
    }
  }
}
