import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where scripts/make-test-ca.mjs writes the test CA and the localhost server certificate. */
export const TEST_TLS_DIR = join(__dirname, '..', '.tls');
export const TEST_CA_PATH = join(TEST_TLS_DIR, 'ca.pem');

/**
 * Key and certificate for local HTTPS fakes. The certificate names localhost and 127.0.0.1
 * and is signed by the test CA, which the test run trusts through NODE_EXTRA_CA_CERTS.
 */
export function testServerTls(): { key: Buffer; cert: Buffer } {
  const keyPath = join(TEST_TLS_DIR, 'server-key.pem');
  const certPath = join(TEST_TLS_DIR, 'server-cert.pem');
  for (const file of [keyPath, certPath, TEST_CA_PATH]) {
    if (!existsSync(file)) {
      throw new Error(
        `Missing test TLS file ${file}. Run \`npm test\` (its pretest step creates it) or \`node scripts/make-test-ca.mjs\`.`,
      );
    }
  }
  return { key: readFileSync(keyPath), cert: readFileSync(certPath) };
}

/**
 * True when this process was started trusting the test CA. Node reads NODE_EXTRA_CA_CERTS
 * only at start-up, so setting it from inside a test is too late.
 */
export function testCaIsTrusted(): boolean {
  const configured = process.env.NODE_EXTRA_CA_CERTS;
  return configured !== undefined && resolve(configured) === TEST_CA_PATH;
}
