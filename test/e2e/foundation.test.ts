import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { type ExtensionSession, launchExtension } from './harness.ts';

// The built extension in real headless Chromium: the wiring every feature relies on.
let ext: ExtensionSession;

beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => {
  await ext?.close();
});

interface Diagnostics {
  workerStarts: number;
  recent: Array<{ kind: string; name?: string; worker: string }>;
}

describe('the built extension', () => {
  it('starts its service worker from the built manifest', async () => {
    expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
    expect(ext.worker.url()).toBe(ext.url('background.js'));
    const manifest = await ext.worker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest).toMatchObject({ manifest_version: 3, version: pkg.version });
  });

  it('renders the popup, unconfigured, with what to do and focus on its first control', async () => {
    const popup = await ext.openPopup();
    // The popup waits for the managed-policy read, which Chromium answers only seconds after launch.
    await expect.poll(() => popup.getByText('Set up sign-in first').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await popup.title()).toBe('Your PIM groups');
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe('Open settings');
    await popup.close();
  });

  it('round-trips a popup message to the background and shows the answer', async () => {
    const popup = await ext.openPopup();
    const status = popup.getByRole('status');
    await expect.poll(() => status.textContent()).toBe(`Version ${pkg.version}`);
    await popup.close();
  });

  it('opens the options page from the popup, by keyboard', async () => {
    const popup = await ext.openPopup();
    await expect.poll(() => popup.evaluate(() => document.activeElement?.textContent)).toBe('Open settings');
    const opened = ext.context.waitForEvent('page', (p) => p.url().startsWith(ext.url('src/options/')));
    await popup.keyboard.press('Enter');
    const options = await opened;
    await expect
      .poll(() => options.getByRole('heading', { level: 1 }).textContent())
      .toBe('PIM for Groups companion settings');
    await expect.poll(() => options.evaluate(() => document.activeElement?.id)).toBe('options-heading');
    await options.close();
    await popup.close();
  });

  it('sets the badge through its wrapper and reads it back from Chromium', async () => {
    const badge = await ext.worker.evaluate(async () => {
      const pim = (globalThis as unknown as { pim: { showBadge(b: object): Promise<void> } }).pim;
      await pim.showBadge({ text: '1h45', color: '#0F6CBD', title: 'SG-Prod-SQL-Admins until 14:30' });
      return {
        text: await chrome.action.getBadgeText({}),
        color: await chrome.action.getBadgeBackgroundColor({}),
        title: await chrome.action.getTitle({}),
      };
    });
    expect(badge).toEqual({ text: '1h45', color: [15, 108, 189, 255], title: 'SG-Prod-SQL-Admins until 14:30' });
  });

  it('handles an alarm that fires after the service worker was stopped', async () => {
    const options = await ext.openOptions();
    const readDiagnostics = () =>
      options.evaluate(async () => (await chrome.storage.local.get('diag:events'))['diag:events'] as Diagnostics);
    await expect.poll(async () => (await readDiagnostics())?.workerStarts ?? 0).toBeGreaterThan(0);
    const before = await readDiagnostics();
    const firstWorker = before.recent.at(-1)?.worker;

    await ext.worker.evaluate(() => chrome.alarms.create('diag:probe', { when: Date.now() + 2_000 }));
    await ext.stopServiceWorker();

    await expect
      .poll(async () => (await readDiagnostics()).recent.find((e) => e.kind === 'alarm' && e.name === 'diag:probe'), {
        timeout: 30_000,
        interval: 250,
      })
      .toBeTruthy();
    const after = await readDiagnostics();
    const handled = after.recent.find((e) => e.name === 'diag:probe');
    expect(handled?.worker).not.toBe(firstWorker);
    expect(after.workerStarts).toBe(before.workerStarts + 1);
    await options.close();
  });

  it('logged no errors on its pages', () => {
    expect(ext.pageErrors).toEqual([]);
  });
});
