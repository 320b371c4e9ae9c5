import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './server.ts';
import { emuFetch, mintToken } from './test-client.ts';
import { ALICE, echoGraph, testScenario } from './test-fixture.ts';
import { spkiOf } from './tls.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ scenario: testScenario, createGraph: () => echoGraph() });
});
afterAll(() => emu.close());

/** The certificate the server actually presents for a given SNI name, as PEM. */
function servedCert(servername: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: emu.port, servername, ca: emu.certPem }, () => {
      const der = socket.getPeerCertificate().raw;
      socket.end();
      resolve(new X509Certificate(der).toString());
    });
    socket.on('error', reject);
  });
}

describe('TLS', () => {
  it('serves the certificate whose SPKI pin it reports, valid for both Microsoft hosts and loopback', async () => {
    for (const host of ['login.microsoftonline.com', 'graph.microsoft.com']) {
      const pem = await servedCert(host);
      expect(spkiOf(pem)).toBe(emu.spki);
      const x = new X509Certificate(pem);
      expect(x.checkHost(host)).toBe(host);
      expect(x.checkIP('127.0.0.1')).toBe('127.0.0.1');
    }
    expect(emu.spki).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });
  it('every response carries an emulator-clock Date header', async () => {
    const res = await emuFetch(emu, '/common/discovery/instance?api-version=1.1');
    expect(Math.abs(Date.parse(res.headers.date ?? '') - emu.clock.now())).toBeLessThan(2000);
    expect(new Date(emu.clock.now()).getUTCFullYear()).toBe(2026);
    expect(Math.abs(emu.clock.now() - Date.parse('2026-06-01T08:00:00Z'))).toBeLessThan(60_000);
  });
});

describe('discovery', () => {
  it('openid-configuration by tenant id and by domain uses the tenant GUID', async () => {
    for (const t of [emu.tenantId, 'contoso.onmicrosoft.com']) {
      const res = await emuFetch(emu, `https://login.microsoftonline.com/${t}/v2.0/.well-known/openid-configuration`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toMatchObject({
        issuer: `https://login.microsoftonline.com/${emu.tenantId}/v2.0`,
        authorization_endpoint: `https://login.microsoftonline.com/${emu.tenantId}/oauth2/v2.0/authorize`,
        token_endpoint: `https://login.microsoftonline.com/${emu.tenantId}/oauth2/v2.0/token`,
        end_session_endpoint: `https://login.microsoftonline.com/${emu.tenantId}/oauth2/v2.0/logout`,
        jwks_uri: `https://login.microsoftonline.com/${emu.tenantId}/discovery/v2.0/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        msgraph_host: 'graph.microsoft.com',
      });
    }
  });
  it('common keeps the alias and a {tenantid} issuer', async () => {
    const doc = (await emuFetch(emu, '/common/v2.0/.well-known/openid-configuration')).json<Record<string, string>>();
    expect(doc.issuer).toBe('https://login.microsoftonline.com/{tenantid}/v2.0');
    expect(doc.token_endpoint).toBe('https://login.microsoftonline.com/common/oauth2/v2.0/token');
  });
  it('unknown tenant → 400 AADSTS90002', async () => {
    const res = await emuFetch(emu, '/nope.example/v2.0/.well-known/openid-configuration');
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
  });
  it('JWKS lists the signing key (RSA, sig, kid) and verifies issued tokens', async () => {
    const jwks = (await emuFetch(emu, `/${emu.tenantId}/discovery/v2.0/keys`)).json<{
      keys: Array<Record<string, string>>;
    }>();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({
      kty: 'RSA',
      use: 'sig',
      e: 'AQAB',
      issuer: `https://login.microsoftonline.com/${emu.tenantId}/v2.0`,
    });
    expect(jwks.keys[0]?.kid).toBe(jwks.keys[0]?.x5t);
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const token = await mintToken(emu, { userId: ALICE, scopes: ['User.Read'] });
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks as never), {
      currentDate: new Date(emu.clock.now()),
    });
    expect(payload.oid).toBe(ALICE);
  });
  it('instance discovery has Entra shape', async () => {
    const endpoint = encodeURIComponent(`https://login.microsoftonline.com/${emu.tenantId}/oauth2/v2.0/authorize`);
    const res = await emuFetch(emu, `/common/discovery/instance?api-version=1.1&authorization_endpoint=${endpoint}`);
    const body = res.json<{
      tenant_discovery_endpoint: string;
      'api-version': string;
      metadata: Array<Record<string, unknown>>;
    }>();
    expect(body.tenant_discovery_endpoint).toBe(
      `https://login.microsoftonline.com/${emu.tenantId}/v2.0/.well-known/openid-configuration`,
    );
    expect(body['api-version']).toBe('1.1');
    expect(body.metadata[0]).toEqual({
      preferred_network: 'login.microsoftonline.com',
      preferred_cache: 'login.windows.net',
      aliases: expect.arrayContaining(['login.microsoftonline.com', 'login.windows.net']),
    });
  });
  it('unknown authority paths are a JSON 404', async () => {
    const res = await emuFetch(emu, '/common/oauth2/v2.0/nothing');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });
});
