import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, type Stack, signInAs, startStack } from './stack.ts';

// Tokens must never leave MSAL's own cache (the auth host's sessionStorage) or the background's
// memory: not into chrome.storage, not into any console line, not into a page. This drives a
// full sign-in, refresh, step-up activation and deactivation, then looks everywhere else for
// every token string the emulator issued.

const KEYVAULT = '5d8e1a6c-7f91-42a3-8e3f-4a5b6c7d8e05';
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/;

let stack: Stack;
const consoleLines: string[] = [];
let cdp: CDPSession;

/** The offscreen auth host is no Playwright page: its console is read through the DevTools protocol. */
async function watchOffscreenConsole(): Promise<void> {
  const page = stack.ext.context.pages()[0] ?? (await stack.ext.context.newPage());
  cdp = await stack.ext.context.newCDPSession(page);
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const event = JSON.parse(message) as { method?: string; params?: { args?: Array<{ value?: unknown }> } };
    if (event.method === 'Runtime.consoleAPICalled') {
      consoleLines.push(`offscreen: ${(event.params?.args ?? []).map((a) => String(a.value)).join(' ')}`);
    }
  });
  const attached = new Set<string>();
  const attachHost = async () => {
    const { targetInfos } = await cdp.send('Target.getTargets');
    for (const target of targetInfos.filter((t) => t.url.includes('/src/auth/host/'))) {
      if (attached.has(target.targetId)) continue;
      attached.add(target.targetId);
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
      await cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id: 1, method: 'Runtime.enable' }),
      });
    }
    return attached.size;
  };
  await expect.poll(attachHost, { timeout: 10_000 }).toBeGreaterThan(0);
}

beforeAll(async () => {
  stack = await startStack();
  stack.ext.worker.on('console', (m) => consoleLines.push(`worker: ${m.text()}`));
  stack.ext.context.on('page', (p) => p.on('console', (m) => consoleLines.push(`page: ${m.text()}`)));
  const page = await stack.ext.openOptions();
  page.on('console', (m) => consoleLines.push(`options: ${m.text()}`));
  await ask(page, 'getAuthState', undefined); // starts nothing, but the page is live
});
afterAll(async () => {
  await stack?.close();
});

describe('tokens stay where they belong', () => {
  it('never appear in storage, console lines or pages during a full sign-in and activation', async () => {
    const page =
      stack.ext.context.pages().find((p) => p.url().includes('/src/options/')) ?? (await stack.ext.openOptions());
    await signInAs(stack, page);
    await watchOffscreenConsole();
    expect((await ask(page, 'refresh', { force: true })).ok).toBe(true);
    const activated = await ask(page, 'activate', {
      groupId: KEYVAULT,
      accessId: 'member',
      durationMinutes: 30,
      justification: 'Rotate keys',
    });
    expect(activated.ok).toBe(true);
    // A failing call too: its error text passes through logs and storage.
    expect((await ask(page, 'deactivate', { groupId: KEYVAULT, accessId: 'member' })).ok).toBe(false);

    const authority = stack.emu.state.authority;
    const issued = [...authority.refreshTokens.keys(), ...authority.codes.keys()];
    expect(issued.length).toBeGreaterThan(1);

    const storage = await page.evaluate(async () =>
      JSON.stringify(
        await Promise.all([
          chrome.storage.local.get(null),
          chrome.storage.session.get(null),
          chrome.storage.sync.get(null),
        ]),
      ),
    );
    const pages = await Promise.all(stack.ext.context.pages().map((p) => p.content().catch(() => '')));
    const haystacks = { storage, console: consoleLines.join('\n'), pages: pages.join('\n') };

    // The detector itself must work: a planted token is found.
    const planted = `${storage} ${issued[0]}`;
    expect(issued.some((t) => planted.includes(t))).toBe(true);

    for (const [where, text] of Object.entries(haystacks)) {
      expect(JWT.test(text), `a JWT in ${where}`).toBe(false);
      for (const token of issued) expect(text.includes(token), `an issued token in ${where}`).toBe(false);
    }
    expect(storage).toContain('Adele Vance'); // the scan looked at real data
  });
});
