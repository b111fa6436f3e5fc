import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');

/**
 * Modules a configured bot needs only for some deployments or some requests. Each is a noticeable share of
 * start-up, which the benchmarks hold to 1.3× a bare echo bot, so each is required where it is first needed.
 */
const LOADED_ON_DEMAND: [string, RegExp][] = [
  ['the sandbox (simulated directory)', /[\\/]src[\\/]sandbox[\\/]/],
  ['the Azure Tables SDK (STORE=table)', /[\\/]node_modules[\\/]@azure[\\/]data-tables[\\/]/],
  ['CSV parsing (bulk files)', /[\\/]node_modules[\\/]csv-parse[\\/]/],
  ['CSV writing (bulk result files)', /[\\/]node_modules[\\/]csv-stringify[\\/]/],
  ['Bottleneck (the bulk pacer)', /[\\/]node_modules[\\/]bottleneck[\\/]/],
  ['the Graph SDK (made on the first Graph request)', /[\\/]node_modules[\\/]@microsoft[\\/]microsoft-graph-client[\\/]/],
  ['the OpenTelemetry SDK (telemetry configured)', /[\\/]node_modules[\\/]@opentelemetry[\\/](sdk-|resources|exporter-|otlp-|core[\\/])/],
  ['the Azure Monitor exporter (APPLICATIONINSIGHTS_CONNECTION_STRING)', /[\\/]node_modules[\\/]@azure[\\/]monitor-opentelemetry-exporter[\\/]/],
];

describe('start-up loads only what every deployment needs', () => {
  it('importing the bot loads none of the modules kept for particular deployments or requests', () => {
    // A fresh process: this one has loaded everything by now. It prints the modules that importing src/index loaded.
    const script = `require(${JSON.stringify(join(REPO_ROOT, 'src', 'index.ts'))}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
    const output = execFileSync(process.execPath, ['--disable-warning=DEP0111', '--require', require.resolve('tsx/cjs'), '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    const loaded = JSON.parse(output) as string[];
    assert.ok(loaded.some((file) => /[\\/]src[\\/]teams[\\/]guestpass-bot\.ts$/.test(file)), 'the bot itself was loaded');
    for (const [what, pattern] of LOADED_ON_DEMAND) {
      assert.deepEqual(loaded.filter((file) => pattern.test(file)).slice(0, 3), [], `${what} is loaded at start-up`);
    }
  });
});
