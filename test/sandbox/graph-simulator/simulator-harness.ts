import {
  GraphSimulator,
  sandboxDirectorySeed,
  type GraphSimulatorOptions,
} from '../../../src/sandbox/graph-simulator';

/** A fixed clock, so timestamps the simulator writes can be asserted exactly. */
export const FIXED_NOW = new Date('2025-03-01T10:00:00Z');

export interface SimulatorResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestInit {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent verbatim (for malformed payloads). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface SimulatorHarness {
  simulator: GraphSimulator;
  /** Origin, e.g. http://127.0.0.1:51234. */
  url: string;
  request<T = any>(method: string, path: string, init?: RequestInit): Promise<SimulatorResponse<T>>;
  get<T = any>(path: string, headers?: Record<string, string>): Promise<SimulatorResponse<T>>;
  post<T = any>(path: string, body: unknown, headers?: Record<string, string>): Promise<SimulatorResponse<T>>;
  close(): Promise<void>;
}

/** Starts a simulator on loopback HTTP over the sandbox seed (fixed clock) and wraps fetch for tests. */
export async function startSimulator(options: Partial<GraphSimulatorOptions> = {}): Promise<SimulatorHarness> {
  const simulator = new GraphSimulator({ seed: sandboxDirectorySeed(FIXED_NOW), now: () => FIXED_NOW, ...options });
  const running = await simulator.listen();
  const request: SimulatorHarness['request'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    let payload: string | undefined = init.rawBody;
    if (init.body !== undefined) {
      payload = JSON.stringify(init.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(path.startsWith('http') ? path : `${running.url}${path}`, {
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
  };
  return {
    simulator,
    url: running.url,
    request,
    get: (path, headers) => request('GET', path, headers ? { headers } : {}),
    post: (path, body, headers) => request('POST', path, { body, ...(headers ? { headers } : {}) }),
    close: () => running.close(),
  };
}

/** `$filter=...` with the value percent-encoded, as a careful client sends it. */
export function filterQuery(filter: string): string {
  return `$filter=${encodeURIComponent(filter)}`;
}
