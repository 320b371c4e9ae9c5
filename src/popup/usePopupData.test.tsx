// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cache, cleanup, configure, item, mount } from './test/popup-harness.tsx';
import { startPopupData } from './usePopupData.ts';

beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await configure();
});
afterEach(cleanup);

describe('the early storage read', () => {
  it('paints what it read, and keeps a change that landed before the popup took it over', async () => {
    await cache([item('Old-Name')]);
    startPopupData();
    await cache([item('New-Name')]); // the background writes a fresh list meanwhile
    const m = await mount();
    await vi.waitFor(() => expect(m.names()).toEqual(['New-Name/Member']));
  });

  it('is used once: a popup mounted again reads afresh', async () => {
    await cache([item('First')]);
    startPopupData();
    const first = await mount();
    await vi.waitFor(() => expect(first.names()).toEqual(['First/Member']));
    first.unmount();
    await cache([item('Second')]);
    const second = await mount();
    await vi.waitFor(() => expect(second.names()).toEqual(['Second/Member']));
  });
});
