import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEEP_LINK_LIFETIME_MS,
  deepLinksItem,
  issueDeepLink,
  redeemDeepLink,
  redeemForPage,
} from '../platform/deep-links.ts';
import { listenForMessages } from '../platform/messages.ts';
import { someHandlers } from '../test-support/fake-browser-setup.ts';
import { deepLinkOf, resolveDeepLink } from './deep-link.ts';

// The background spends tokens (it issues them too), as background/index.ts wires it.
let stopBackground = () => {};
beforeEach(() => {
  stopBackground = listenForMessages(someHandlers({ redeemDeepLink: redeemForPage }));
});
afterEach(() => stopBackground());

const GROUP = '6e9f2b7d-8092-43b4-9f40-5b6c7d8e9f06';
const KEY = `${GROUP}:owner`;

describe('reading a deep link into the popup page', () => {
  it('reads a GUID group, an access and a token', () => {
    expect(deepLinkOf(`?group=${GROUP.toUpperCase()}&access=owner&link=abc`)).toEqual({ key: KEY, token: 'abc' });
    expect(deepLinkOf(`?group=${GROUP}&access=member`)).toEqual({ key: `${GROUP}:member`, token: '' });
  });

  it('ignores anything else', () => {
    expect(deepLinkOf('')).toBeNull();
    expect(deepLinkOf(`?group=${GROUP}`)).toBeNull();
    expect(deepLinkOf(`?group=${GROUP}&access=admin`)).toBeNull();
    expect(deepLinkOf('?group=g-1&access=member')).toBeNull();
    expect(deepLinkOf(`?group=${GROUP}')%20or%20true&access=member`)).toBeNull();
    expect(deepLinkOf('?access=member')).toBeNull();
  });
});

describe('whose deep link it is', () => {
  it('opens the form for a token the background issued, once', async () => {
    const token = await issueDeepLink(KEY);
    expect(await resolveDeepLink(`?group=${GROUP}&access=owner&link=${token}`)).toEqual({
      kind: 'ours',
      expanded: { key: KEY, focus: 'justification' },
    });
    expect(await resolveDeepLink(`?group=${GROUP}&access=owner&link=${token}`)).toEqual({ kind: 'foreign' });
    expect(await deepLinksItem.get()).toEqual({});
  });

  it('is foreign without a token, with a made-up one, one for another item, or a malformed link', async () => {
    const other = await issueDeepLink(`${GROUP}:member`);
    for (const search of [
      `?group=${GROUP}&access=owner`,
      `?group=${GROUP}&access=owner&link=${crypto.randomUUID()}`,
      `?group=${GROUP}&access=owner&link=${other}`,
      `?group=${GROUP}&access=owner&link=__proto__`,
      '?group=not-a-guid&access=owner',
    ]) {
      expect(await resolveDeepLink(search)).toEqual({ kind: 'foreign' });
    }
    expect(await resolveDeepLink('')).toEqual({ kind: 'none' });
    expect(await resolveDeepLink('?access=member')).toEqual({ kind: 'none' });
  });

  it('refuses a token past its lifetime, and forgets old tokens when issuing', async () => {
    const start = Date.UTC(2026, 10, 30, 12);
    const old = await issueDeepLink(KEY, start);
    expect(await redeemDeepLink(old, KEY, start + DEEP_LINK_LIFETIME_MS)).toBe(false);
    const kept = await issueDeepLink(KEY, start);
    await issueDeepLink(KEY, start + DEEP_LINK_LIFETIME_MS);
    expect(Object.keys(await deepLinksItem.get())).not.toContain(kept);
  });

  it('is spent by the background; a message with anything but two strings redeems nothing', async () => {
    const token = await issueDeepLink(KEY);
    for (const request of [null, { token }, { token, key: 1 }, { token: [token], key: KEY }]) {
      expect(await redeemForPage(request as never)).toBe(false);
    }
    expect(Object.keys(await deepLinksItem.get())).toEqual([token]);
    const [first, second] = await Promise.all([redeemForPage({ token, key: KEY }), redeemForPage({ token, key: KEY })]);
    expect([first, second]).toEqual([true, false]);
  });
});
