import { createHash, createPublicKey } from 'node:crypto';
import { generate } from 'selfsigned';

export interface EmulatorCert {
  certPem: string;
  keyPem: string;
  /** base64(SHA-256(DER SubjectPublicKeyInfo)): the value Chromium's --ignore-certificate-errors-spki-list wants. */
  spki: string;
}

/** Hosts the certificate answers for: the two Microsoft hosts Chromium maps to us, plus loopback for tests. */
export const CERT_HOSTS = ['login.microsoftonline.com', 'graph.microsoft.com', 'localhost'];

/** The SPKI pin of a certificate (PEM), computed the way Chromium does. */
export function spkiOf(certPem: string): string {
  const der = createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/** Generates a fresh self-signed certificate. Validity is real time (browsers check it), not emulator time. */
export async function createCert(): Promise<EmulatorCert> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'login.microsoftonline.com' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 24 * 3600_000),
    notAfterDate: new Date(now + 30 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...CERT_HOSTS.map((value) => ({ type: 2 as const, value })), { type: 7, ip: '127.0.0.1' }],
      },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private, spki: spkiOf(pems.cert) };
}
