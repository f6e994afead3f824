import { generate } from 'selfsigned';

/** Key and certificate (PEM) for a local HTTPS server. */
export interface LocalTlsMaterial {
  key: string;
  /** Also the CA a client must trust, since the certificate signs itself. */
  cert: string;
}

/**
 * A fresh self-signed certificate for 127.0.0.1 and localhost, made at start so no key is ever
 * committed. EC P-256 keeps generation to a few milliseconds; validity starts an hour back to
 * tolerate clock skew and lasts a day, longer than any test or demo run.
 */
export async function createLocalTls(now: Date = new Date()): Promise<LocalTlsMaterial> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 3_600_000),
    notAfterDate: new Date(now.getTime() + 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
