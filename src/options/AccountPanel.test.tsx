// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '../core/account.ts';
import { accountsItem } from '../platform/items.ts';
import { type AuthState, listenForMessages } from '../platform/messages.ts';
import { someHandlers } from '../test-support/fake-browser-setup.ts';
import { AccountPanel } from './AccountPanel.tsx';

const adele: AccountSummary = {
  id: 'adele.tenant',
  name: 'Adele Vance',
  username: 'adele@contoso.example',
  tenantId: 'tenant',
};

/** A background whose sign-out waits until the test lets it finish, or until it `drops` the account first. */
function background() {
  let signedIn = true;
  const signOuts: string[] = [];
  let finish = () => {};
  let drop = () => {};
  const stop = listenForMessages(
    someHandlers({
      getAuthState: async (): Promise<AuthState> => ({
        configured: true,
        active: signedIn ? adele : undefined,
        accounts: signedIn ? [adele] : [],
        redirectUri: 'https://example.chromiumapp.org/',
      }),
      signOut: ({ accountId }) => {
        signOuts.push(accountId);
        return new Promise<undefined>((resolve) => {
          // What the background does first: the account leaves the list (pages follow it in storage).
          drop = () => {
            signedIn = false;
            void accountsItem.set({ activeId: '', known: [] });
          };
          finish = () => {
            signedIn = false;
            resolve(undefined);
          };
        });
      },
    }),
  );
  return { signOuts, finish: () => finish(), drop: () => drop(), stop };
}

let stopBackground = () => {};
afterEach(() => {
  stopBackground();
  document.body.innerHTML = '';
});

const button = (name: RegExp) =>
  [...document.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '')) as HTMLButtonElement;

/** The panel with Adele signed in, and the focus on her Sign out button. */
async function signedInPanel() {
  const fake = background();
  stopBackground = fake.stop;
  const root = document.body.appendChild(document.createElement('div'));
  render(<AccountPanel />, root);
  await vi.waitFor(() => expect(button(/^Sign out Adele Vance$/)).toBeDefined());
  const signOut = button(/^Sign out Adele Vance$/);
  signOut.focus();
  return { fake, root, signOut };
}

describe('account panel', () => {
  it('keeps the focus on the button while signing out, sends one sign-out, then focuses Sign in', async () => {
    const { fake, signOut } = await signedInPanel();
    await act(() => signOut.click());
    await vi.waitFor(() => expect(signOut.getAttribute('aria-disabled')).toBe('true'));
    // A disabled button would drop the keyboard focus to the page.
    expect(signOut.disabled).toBe(false);
    expect(document.activeElement).toBe(signOut);
    await act(() => signOut.click());
    expect(fake.signOuts).toEqual(['adele.tenant']);

    await act(() => fake.finish());
    await vi.waitFor(() => expect(document.activeElement).toBe(button(/^Sign in$/)));
    expect(fake.signOuts).toEqual(['adele.tenant']);
  });

  it('moves the focus to Sign in as soon as the accounts change, before the sign-out has answered', async () => {
    const { fake, root, signOut } = await signedInPanel();
    // Every element the focus is on after each change to the page: never the page itself.
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(document.activeElement?.tagName ?? 'none'));
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    await act(() => signOut.click());
    await act(() => fake.drop());
    await vi.waitFor(() => expect(button(/^Sign in$/)).toBeDefined());
    expect(document.activeElement).toBe(button(/^Sign in$/));
    await act(() => fake.finish());
    await vi.waitFor(() => expect(button(/^Sign in$/).getAttribute('aria-disabled')).toBe('false'));
    observer.disconnect();
    expect(document.activeElement).toBe(button(/^Sign in$/));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((tag) => tag !== 'BUTTON')).toEqual([]);
  });
});
