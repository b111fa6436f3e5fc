// Creates the TLS material the tests serve HTTPS with: a throwaway test CA and a localhost
// server certificate signed by it. `npm test` runs mocha with NODE_EXTRA_CA_CERTS pointing
// at the CA, so the real SDKs (@azure/identity, the Graph client) trust the local fakes
// without disabling certificate checks. Existing files are kept while they are valid for
// at least 30 more days, so this is a no-op on most runs.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import forge from 'node-forge';

const { pki, md } = forge;

const TLS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', '.tls');
const FILES = {
  ca: join(TLS_DIR, 'ca.pem'),
  serverKey: join(TLS_DIR, 'server-key.pem'),
  serverCert: join(TLS_DIR, 'server-cert.pem'),
};
const RENEW_WITHIN_MS = 30 * 24 * 60 * 60 * 1000;
const CA_LIFETIME_YEARS = 5;
const SERVER_LIFETIME_YEARS = 2;

/** Why the existing files cannot be reused, or null when they are fine. */
function problemWithExistingFiles() {
  if (!Object.values(FILES).every((file) => existsSync(file))) return 'missing files';
  try {
    const ca = pki.certificateFromPem(readFileSync(FILES.ca, 'utf8'));
    const server = pki.certificateFromPem(readFileSync(FILES.serverCert, 'utf8'));
    const key = pki.privateKeyFromPem(readFileSync(FILES.serverKey, 'utf8'));
    const renewBefore = new Date(Date.now() + RENEW_WITHIN_MS);
    if (ca.validity.notAfter < renewBefore || server.validity.notAfter < renewBefore) return 'expiring soon';
    if (!ca.verify(server)) return 'server certificate not signed by the CA';
    if (key.n.compareTo(server.publicKey.n) !== 0) return 'server key does not match its certificate';
    return null;
  } catch (error) {
    return `unreadable (${error.message})`;
  }
}

/** RSA key pair via Node's native generator (fast), converted for forge to sign with. */
function generateKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKey: pki.privateKeyFromPem(privateKey), publicKey: pki.publicKeyFromPem(publicKey) };
}

function newCertificate(publicKey, years) {
  const cert = pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive serial: a leading 0x01 nibble keeps the DER integer from reading as negative.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60 * 60 * 1000); // tolerate small clock skew
  cert.validity.notAfter = new Date(cert.validity.notBefore);
  cert.validity.notAfter.setFullYear(cert.validity.notAfter.getFullYear() + years);
  return cert;
}

function createCa() {
  const keys = generateKeys();
  const cert = newCertificate(keys.publicKey, CA_LIFETIME_YEARS);
  const subject = [
    { name: 'commonName', value: 'GuestPass Test CA' },
    { name: 'organizationName', value: 'GuestPass tests (not trusted outside the test run)' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, md.sha256.create());
  return { cert, keys };
}

function createServerCertificate(ca) {
  const keys = generateKeys();
  const cert = newCertificate(keys.publicKey, SERVER_LIFETIME_YEARS);
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' }, // DNS
        { type: 7, ip: '127.0.0.1' }, // IP
      ],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.keys.privateKey, md.sha256.create());
  return { cert, keys };
}

const problem = problemWithExistingFiles();
if (problem === null) {
  console.log(`Test TLS material in ${relative(process.cwd(), TLS_DIR) || '.'} is valid; nothing to do.`);
} else {
  mkdirSync(TLS_DIR, { recursive: true });
  const ca = createCa();
  const server = createServerCertificate(ca);
  writeFileSync(FILES.ca, pki.certificateToPem(ca.cert));
  writeFileSync(FILES.serverCert, pki.certificateToPem(server.cert));
  writeFileSync(FILES.serverKey, pki.privateKeyToPem(server.keys.privateKey), { mode: 0o600 });
  chmodSync(FILES.serverKey, 0o600);
  console.log(`Created test CA and localhost certificate in ${relative(process.cwd(), TLS_DIR)} (${problem}).`);
}
