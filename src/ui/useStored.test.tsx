// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { policyOver } from '../platform/follow-storage.ts';
import { defineItem, type StorageItem } from '../platform/storage.ts';
import { usePolicyOver, useStored } from './useStored.ts';

const own = defineItem({ key: 'settings:useStoredOwn', area: 'local', schema: v.string(), fallback: 'none' });
const other = defineItem({ key: 'settings:useStoredOther', area: 'local', schema: v.string(), fallback: 'none' });
const inSession = defineItem({ key: 'session:useStored', area: 'session', schema: v.string(), fallback: 'none' });
const managed = defineItem({
  key: 'useStoredPolicy',
  area: 'managed',
  schema: v.optional(v.string()),
  fallback: undefined,
});
const setting = policyOver({ own, managed }, (values) => values.managed ?? values.own);

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** The item's next read answers only when the test says, with what storage held when it was asked. */
function holdRead<T>(item: StorageItem<T>, value: T) {
  const read = deferred<T>();
  vi.spyOn(item, 'getRaw').mockReturnValueOnce(read.promise);
  return () =>
    act(async () => {
      read.resolve(value);
      await read.promise;
    });
}

const Show = ({ item }: { item: StorageItem<string> }) => <p>{useStored(item) ?? 'unread'}</p>;
const ShowSetting = () => <p>{usePolicyOver(setting) ?? 'unread'}</p>;

const roots: HTMLElement[] = [];
async function mount(view: preact.JSX.Element): Promise<HTMLElement> {
  const root = document.createElement('div');
  document.body.append(root);
  roots.push(root);
  await act(() => render(view, root));
  return root;
}
afterEach(async () => {
  await act(() => {
    for (const root of roots.splice(0)) render(null, root);
  });
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

const change = (key: string, value: string, area: 'local' | 'session' | 'managed' = 'local') =>
  act(() => fakeBrowser.storage[area].set({ [key]: value }));

describe('useStored: the newest value wins', () => {
  const steps = {
    read: (answer: () => Promise<void>) => answer(),
    first: () => change(own.key, 'v1'),
    second: () => change(own.key, 'v2'),
  };
  it.each([
    [
      ['read', 'first', 'second'],
      ['v0', 'v1', 'v2'],
    ],
    [
      ['first', 'read', 'second'],
      ['v1', 'v1', 'v2'],
    ],
    [
      ['first', 'second', 'read'],
      ['v1', 'v2', 'v2'],
    ],
  ] as const)('when the first read answers in this order: %j', async (order, shown) => {
    const answer = holdRead(own, 'v0');
    const root = await mount(<Show item={own} />);
    expect(root.textContent).toBe('unread');
    const seen: string[] = [];
    for (const step of order) {
      await steps[step](answer);
      seen.push(root.textContent ?? '');
    }
    expect(seen).toEqual(shown);
  });

  it('shows nothing of a setting until the policy is read too, then the policy on top; a policy change beats a late read', async () => {
    await fakeBrowser.storage.local.set({ [own.key]: 'mine' });
    const answerPolicy = holdRead(managed, undefined);
    const root = await mount(<ShowSetting />);
    expect(root.textContent).toBe('unread');
    await change(managed.key, 'org', 'managed');
    expect(root.textContent).toBe('org');
    await answerPolicy();
    expect(root.textContent).toBe('org');
    await change(own.key, 'mine again');
    expect(root.textContent).toBe('org');
  });
});

describe('useStored: one storage listener per area', () => {
  it('is shared by every view that follows a key of that area, and goes with the last of them', async () => {
    const add = vi.spyOn(fakeBrowser.storage.onChanged, 'addListener');
    const remove = vi.spyOn(fakeBrowser.storage.onChanged, 'removeListener');
    const views = [
      await mount(<Show item={own} />),
      await mount(<Show item={own} />),
      await mount(<Show item={other} />),
      await mount(<Show item={inSession} />),
    ];
    await vi.waitFor(() => expect(views.map((r) => r.textContent)).toEqual(['none', 'none', 'none', 'none']));
    expect(add).toHaveBeenCalledTimes(2);
    await change(own.key, 'a');
    await change(other.key, 'b');
    await change(inSession.key, 'c', 'session');
    expect(views.map((r) => r.textContent)).toEqual(['a', 'a', 'b', 'c']);
    await act(() => {
      for (const view of views) render(null, view);
    });
    expect(remove).toHaveBeenCalledTimes(2);
    const removed = remove.mock.calls.map(([listener]) => listener);
    expect(add.mock.calls.map(([listener]) => removed.includes(listener))).toEqual([true, true]);
    for (const [listener] of add.mock.calls) expect(fakeBrowser.storage.onChanged.hasListener(listener)).toBe(false);
  });
});
