import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../emulator/server.ts';
import { type ExtensionSession, launchExtension } from './harness.ts';

// Chromium reaches both Microsoft hosts through the host mapping and trusts the emulator's
// certificate (test/e2e/README.md): the ground every sign-in and Graph test stands on. No policy needed.
let emu: Emulator;
let ext: ExtensionSession;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, scenario: 'demo' });
  ext = await launchExtension({ emulator: { port: emu.port, spki: emu.spki } });
});
afterAll(async () => {
  await ext?.close();
  await emu?.close();
});

describe('Chromium with Microsoft’s hosts mapped to the emulator', () => {
  it('loads Entra’s discovery document for the demo tenant from login.microsoftonline.com', async () => {
    const page = await ext.context.newPage();
    const url = `https://login.microsoftonline.com/${emu.tenantId}/v2.0/.well-known/openid-configuration`;
    // A certificate error would reject goto; a missed mapping would reach the real host (or no host).
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    expect(response?.url()).toBe(url);
    const config = (await response?.json()) as { issuer: string; authorization_endpoint: string };
    expect(config.issuer).toBe(`https://login.microsoftonline.com/${emu.tenantId}/v2.0`);
    expect(config.authorization_endpoint).toBe(
      `https://login.microsoftonline.com/${emu.tenantId}/oauth2/v2.0/authorize`,
    );
    await page.close();
  });

  it('answers a fetch from the extension’s service worker to graph.microsoft.com with Graph’s 401', async () => {
    const reply = await ext.worker.evaluate(async () => {
      const response = await fetch('https://graph.microsoft.com/v1.0/me');
      return { status: response.status, body: (await response.json()) as { error?: { code?: string } } };
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error?.code).toBe('InvalidAuthenticationToken');
  });
});
