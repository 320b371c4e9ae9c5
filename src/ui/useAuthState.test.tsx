// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { accountsItem } from '../platform/items.ts';
import { type AuthState, listenForMessages } from '../platform/messages.ts';
import { someHandlers } from '../test-support/fake-browser-setup.ts';
import { useAuthState } from './useAuthState.ts';

const ADELE = { id: 'adele.tid', name: 'Adele Vance', username: 'adelev@contoso', tenantId: 'tid' };
const state = (active?: typeof ADELE): AuthState => ({
  configured: true,
  accounts: active ? [active] : [],
  redirectUri: 'https://id.chromiumapp.org/',
  ...(active ? { active } : {}),
});

/** What the page shows: who is signed in, by the newest answer it took. */
const shown: string[] = [];
function Probe() {
  const { state } = useAuthState();
  shown.push(state === undefined ? 'unread' : state.ok ? (state.value.active?.name ?? 'nobody') : 'error');
  return null;
}

const root = document.createElement('div');
let stop = () => {};
afterEach(async () => {
  stop();
  await act(() => render(null, root));
  shown.length = 0;
});

describe('useAuthState', () => {
  it('shows the answer to the newest question, even when an older one is answered after it', async () => {
    // The background answers each question when the test says, with what was true when it was asked.
    const answers: Array<(value: AuthState) => void> = [];
    stop = listenForMessages(
      someHandlers({ getAuthState: () => new Promise<AuthState>((resolve) => answers.push(resolve)) }),
    );
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    await act(() => render(<Probe />, root));
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    // Signing out changes the accounts: the page asks again before the first question is answered.
    await act(() => accountsItem.set({ activeId: '', known: [] }));
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    await act(async () => answers[1]?.(state()));
    await vi.waitFor(() => expect(shown.at(-1)).toBe('nobody'));
    // The first question's answer (still signed in) comes last: it is not shown.
    await act(async () => {
      answers[0]?.(state(ADELE));
      await sent.mock.results[0]?.value;
    });
    expect(shown.filter((s, i) => s !== shown[i - 1])).toEqual(['unread', 'nobody']);
  });
});
