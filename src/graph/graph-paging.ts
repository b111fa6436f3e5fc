import { GraphConnection } from './graph-client';

/** A page of a Graph collection. */
export interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

/**
 * The path to hand the Graph client for an `@odata.nextLink`. The SDK only treats `https://` links as absolute,
 * so over plain HTTP (the sandbox) an absolute link would be glued onto the base URL; stripping our own
 * `origin/version` prefix works for both. A link to any other origin is refused (undefined): following it would
 * send our token elsewhere.
 */
export function relativeNextLink(nextLink: string, baseUrl: string): string | undefined {
  const origin = new URL(baseUrl).origin;
  const match = /^(https?:\/\/[^/]+)\/(v1\.0|beta)(\/.*)$/i.exec(nextLink);
  if (!match || match[1]!.toLowerCase() !== origin.toLowerCase()) return undefined;
  return match[3]!;
}

/**
 * Reads `first` and the pages after it until `limit` items are collected or there are no more pages.
 * `complete` is false when items were left unread.
 */
export async function collectPages<T>(
  graph: GraphConnection,
  first: GraphPage<T>,
  limit: number,
  get: (path: string) => Promise<GraphPage<T>>,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let page: GraphPage<T> | undefined = first;
  while (page) {
    items.push(...page.value);
    const next = page['@odata.nextLink'];
    if (items.length >= limit) return { items: items.slice(0, limit), complete: items.length <= limit && !next };
    if (!next) return { items, complete: true };
    const path = relativeNextLink(next, graph.baseUrl);
    if (!path) return { items, complete: false };
    page = await get(path);
  }
  return { items, complete: true };
}
