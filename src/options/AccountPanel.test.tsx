// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '../core/account.ts';
import { type AuthState, listenForMessages } from '../platform/messages.ts';
import { someHandlers } from '../test-support/fake-browser-setup.ts';
import { AccountPanel } from './AccountPanel.tsx';

const adele: AccountSummary = {
  id: 'adele.tenant',
  name: 'Adele Vance',
  username: 'adele@contoso.example',
  tenantId: 'tenant',
};

/** A background whose sign-out waits until the test lets it finish. */
function background() {
  let signedIn = true;
  const signOuts: string[] = [];
  let finish = () => {};
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
          finish = () => {
            signedIn = false;
            resolve(undefined);
          };
        });
      },
    }),
  );
  return { signOuts, finish: () => finish(), stop };
}

let stopBackground = () => {};
afterEach(() => {
  stopBackground();
  document.body.innerHTML = '';
});

const button = (name: RegExp) =>
  [...document.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '')) as HTMLButtonElement;

describe('account panel', () => {
  it('keeps the focus on the button while signing out, sends one sign-out, then focuses Sign in', async () => {
    const fake = background();
    stopBackground = fake.stop;
    const root = document.body.appendChild(document.createElement('div'));
    render(<AccountPanel />, root);
    await vi.waitFor(() => expect(button(/^Sign out Adele Vance$/)).toBeDefined());

    const signOut = button(/^Sign out Adele Vance$/);
    signOut.focus();
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
});
