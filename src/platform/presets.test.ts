import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { GROUP_A, OTHER_TENANT, preset, presetSet } from '../core/presets/test-fixtures.ts';
import { followItems } from './follow-storage.ts';
import { myPresetsItem } from './preset-items.ts';
import {
  type AllPresets,
  allPresetsSetting,
  PRESET_APP_URL_LIFETIME_MS,
  presetAppUrlFor,
  readAllPresets,
  rememberPresetAppUrl,
} from './presets.ts';

describe('readAllPresets', () => {
  it('is empty without presets or policy', async () => {
    expect(await readAllPresets()).toEqual({ mine: [], managed: [] });
  });

  it("lists the user's own (never marked managed) beside the organisation's (always marked)", async () => {
    const own = preset({ name: 'Mine' });
    await fakeBrowser.storage.local.set({ 'presets:mine': [{ ...own, managed: true }] });
    const pushed = preset({ name: 'Pushed', tenantId: OTHER_TENANT });
    await fakeBrowser.storage.managed.set({ presets: presetSet([pushed]) });
    const all = await readAllPresets();
    expect(all.mine).toEqual([own]);
    expect(all.managed).toEqual([{ ...pushed, managed: true }]);
    expect(all.managedError).toBeUndefined();
  });

  it('reads a policy value given as a JSON string (Firefox policies.json)', async () => {
    const pushed = preset();
    await fakeBrowser.storage.managed.set({ presets: JSON.stringify(presetSet([pushed])) });
    expect((await readAllPresets()).managed.map((p) => p.id)).toEqual([pushed.id]);
  });

  it('ignores an invalid policy value as a whole, keeps its reasons and logs them once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const good = preset({ name: 'Good' });
    const bad = { ...preset({ name: 'Bad' }), entries: [{ groupId: 'not-a-guid', accessId: 'member' }] };
    await fakeBrowser.storage.managed.set({ presets: presetSet([good, bad as never]) });
    await myPresetsItem.set([preset({ name: 'Mine' })]);
    const all = await readAllPresets();
    expect(all.managed).toEqual([]);
    expect(all.mine).toHaveLength(1);
    expect(all.managedError).toEqual([{ key: 'presetErrorEntryGroupId', substitutions: ["'Bad'", '1'] }]);
    await readAllPresets();
    expect(warn.mock.calls.filter((c) => String(c[0]).includes('presets policy'))).toHaveLength(1);
  });

  it('refuses a policy that is not a preset set at all', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.managed.set({ presets: [preset()] });
    const all = await readAllPresets();
    expect(all.managed).toEqual([]);
    expect(all.managedError?.[0]?.key).toBe('presetErrorNotPresets');
  });
});

// What the options page's usePresets follows (usePolicyOver = followItems + merge).
const followAllPresets = (callback: (all: AllPresets) => void) =>
  followItems(allPresetsSetting.items, (values) => callback(allPresetsSetting.merge(values)));

describe('following every preset', () => {
  it('calls back with the first read, then when the user list or the policy changes', async () => {
    const seen: Array<[number, number]> = [];
    const stop = followAllPresets((all) => seen.push([all.mine.length, all.managed.length]));
    await vi.waitFor(() => expect(seen).toEqual([[0, 0]]));
    await myPresetsItem.set([preset()]);
    await vi.waitFor(() =>
      expect(seen).toEqual([
        [0, 0],
        [1, 0],
      ]),
    );
    await fakeBrowser.storage.managed.set({ presets: presetSet([preset(), preset()]) });
    await vi.waitFor(() =>
      expect(seen).toEqual([
        [0, 0],
        [1, 0],
        [1, 2],
      ]),
    );
    stop();
  });

  it('never calls back with an older read that finished after a newer change', async () => {
    const seen: number[] = [];
    // The first read of the user's list is held until two changes have been seen.
    const original = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local) as (
      keys: unknown,
    ) => Promise<Record<string, unknown>>;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reads = 0;
    let slowReadDone = false;
    vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (keys?: unknown) => {
      const first = JSON.stringify(keys).includes('presets:mine') && ++reads === 1;
      if (!first) return original(keys);
      await held;
      const value = { 'presets:mine': [] }; // what it held when asked, before both changes
      slowReadDone = true;
      return value;
    });
    const stop = followAllPresets((all) => seen.push(all.mine.length));
    await myPresetsItem.set([preset()]);
    await myPresetsItem.set([preset(), preset()]);
    await vi.waitFor(() => expect(seen).toEqual([1, 2]));
    release();
    await vi.waitFor(() => expect(slowReadDone).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the older read's answer arrive
    expect(seen).toEqual([1, 2]);
    stop();
  });

  it('shows the user’s own change without waiting for a slow policy read', async () => {
    const seen: number[] = [];
    const stop = followAllPresets((all) => seen.push(all.mine.length));
    await vi.waitFor(() => expect(seen).toEqual([0])); // the first reads are done
    // From now on every managed read hangs (Chromium's first can take seconds).
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(() => new Promise(() => {}));
    await myPresetsItem.set([preset()]);
    await vi.waitFor(() => expect(seen).toEqual([0, 1]));
    stop();
  });
});

describe("a preset's app for the sign-out-and-in prompt", () => {
  const key = `${GROUP_A}:member`;

  it('is remembered per item for a day, and forgotten when a preset without an app is applied', async () => {
    await rememberPresetAppUrl([key, 'other:owner'], 'https://portal.azure.com/', 1_000);
    expect(await presetAppUrlFor(key, 2_000)).toBe('https://portal.azure.com/');
    expect(await presetAppUrlFor(key, 1_000 + PRESET_APP_URL_LIFETIME_MS)).toBeUndefined();
    await rememberPresetAppUrl([key], '', 3_000);
    expect(await presetAppUrlFor(key, 3_000)).toBeUndefined();
    expect(await presetAppUrlFor('other:owner', 3_000)).toBe('https://portal.azure.com/');
  });

  it('drops expired entries when writing', async () => {
    await rememberPresetAppUrl(['old:member'], 'https://a.example/', 0);
    await rememberPresetAppUrl([key], 'https://b.example/', PRESET_APP_URL_LIFETIME_MS + 1);
    const stored = (await fakeBrowser.storage.local.get('presets:appUrls'))['presets:appUrls'] as object;
    expect(Object.keys(stored)).toEqual([key]);
  });
});
