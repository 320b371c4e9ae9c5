import type { Page } from 'playwright-core';
import { vi } from 'vitest';
import { type Emulator, startEmulator } from '../emulator/server.ts';
import { control } from '../emulator/test-client.ts';
import { type ExtensionSession, type LaunchOptions, launchExtension } from './harness.ts';
import { applyManagedPolicy } from './policy.ts';

export const ADELE = '4e8c1a3b-5d72-4f19-8a6e-0b3c9d2e7f41';
export const ALEX = '8b2d6f4e-1c93-47a5-b8e0-3f5a7c9d1e62';
export const MEGAN = 'c5a9e7d3-2f18-4b6c-9d04-6e8f1a3b5c73';

export interface Stack {
  emu: Emulator;
  ext: ExtensionSession;
  close(): Promise<void>;
}

/**
 * The emulator and the built extension in Chromium, wired as test/e2e/README.md says: Microsoft's hosts map
 * to the emulator, its certificate is trusted, and the organisation's policy points the extension
 * at the scenario's tenant and app registration.
 */
export async function startStack(
  scenario = 'demo',
  launch: Pick<LaunchOptions, 'language' | 'userDataDir'> = {},
): Promise<Stack> {
  const emu = await startEmulator({ port: 0, scenario });
  try {
    const ext = await launchExtension({ ...launch, emulator: { port: emu.port, spki: emu.spki } });
    await applyManagedPolicy(ext, { tenant: emu.tenantId, clientId: emu.clientId });
    return {
      emu,
      ext,
      async close() {
        await ext.close();
        await emu.close();
      },
    };
  } catch (error) {
    await emu.close();
    throw error;
  }
}

export interface Reply<T = unknown> {
  ok: boolean;
  value?: T;
  error?: { code: string; message: string };
}

/** Sends a page → background message the way the popup does, and returns the `{ ok, … }` reply. */
export function ask<T = unknown>(page: Page, type: string, request: unknown = {}): Promise<Reply<T>> {
  return page.evaluate(([type, request]) => chrome.runtime.sendMessage({ channel: 'pages', type, request }), [
    type,
    request,
  ] as const);
}

/**
 * Signs in through the real flow (MSAL, launchWebAuthFlow, the emulator's authorize and token
 * endpoints) with the emulator answering for the user, as an existing Entra session would.
 */
export async function signInAs(stack: Stack, page: Page, userId = ADELE): Promise<void> {
  await control(stack.emu, '/settings', { autoSignIn: userId, autoApproveMfa: true });
  // Chromium answers the first managed-policy read seconds after launch.
  // (vi.waitFor, not expect.poll: this also runs in beforeAll hooks.)
  await vi.waitFor(
    async () => {
      const reply = await ask<{ configured: boolean }>(page, 'getAuthState', undefined);
      if (!reply.value?.configured) throw new Error('the extension has not received its policy yet');
    },
    { timeout: 20_000, interval: 200 },
  );
  const reply = await ask(page, 'signIn', {});
  if (!reply.ok) throw new Error(`sign-in failed: ${JSON.stringify(reply.error)}`);
}

/** The stack with Adele signed in, and the options page the tests talk to the background from. */
export async function startSignedIn(): Promise<{ stack: Stack; page: Page }> {
  const stack = await startStack();
  try {
    const page = await stack.ext.openOptions();
    await signInAs(stack, page);
    return { stack, page };
  } catch (error) {
    await stack.close();
    throw error;
  }
}
