// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readConnection } from '../platform/connection.ts';
import { permissionPrompts } from '../test-support/fake-browser-setup.ts';
import { ConnectionForm } from './ConnectionForm.tsx';

const clientId = '3b8e6f2a-91c4-4a57-b0d2-6c1e9f4a7d35';

async function mount() {
  const root = document.createElement('div');
  document.body.append(root);
  render(<ConnectionForm />, root);
  await vi.waitFor(() => expect(root.querySelector('form')).not.toBeNull());
  const input = (id: string) => root.querySelector<HTMLInputElement>(`#${id}`) as HTMLInputElement;
  // act() lets Preact re-render between events, as a browser does between keystrokes.
  const type = (id: string, value: string) =>
    act(() => {
      input(id).value = value;
      input(id).dispatchEvent(new Event('input', { bubbles: true }));
    });
  const submit = () =>
    act(() => {
      root.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
  return { root, input, type, submit };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('connection form', () => {
  it('refuses invalid values with specific messages, focuses the first, and saves nothing', async () => {
    const { root, input, type, submit } = await mount();
    await type('tenant', 'common');
    await type('client-id', 'abc');
    await submit();
    await vi.waitFor(() => expect(root.querySelector('#tenant-error')?.textContent).toMatch(/Personal accounts/));
    expect(root.querySelector('#client-id-error')?.textContent).toMatch(/is a GUID like/);
    expect(input('tenant').getAttribute('aria-invalid')).toBe('true');
    expect(input('tenant').getAttribute('aria-describedby')).toContain('tenant-error');
    expect(document.activeElement).toBe(input('tenant'));
    expect(await fakeBrowser.storage.local.get('settings:connection')).toEqual({});
  });

  it('saves valid values and says so', async () => {
    const { root, type, submit } = await mount();
    await type('tenant', 'contoso.onmicrosoft.com');
    await type('client-id', clientId);
    await submit();
    await vi.waitFor(() => expect(root.querySelector('[role=status]')?.textContent).toBe('Saved.'));
    expect((await readConnection()).connection).toEqual({
      tenant: 'contoso.onmicrosoft.com',
      clientId,
      cloud: 'global',
    });
  });

  it('asks for a national cloud’s hosts when it is saved', async () => {
    const { root, type, submit } = await mount();
    await type('tenant', 'contoso.onmicrosoft.us');
    await type('client-id', clientId);
    await act(() => {
      const select = root.querySelector('#cloud') as HTMLSelectElement;
      select.value = 'usgov';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await submit();
    await vi.waitFor(() => expect(root.querySelector('[role=status]')?.textContent).toBe('Saved.'));
    expect(permissionPrompts).toEqual([['https://login.microsoftonline.us/*', 'https://graph.microsoft.us/*']]);
    expect((await readConnection()).connection.cloud).toBe('usgov');
  });

  it('shows policy values read-only with the reason, and follows policy changes live', async () => {
    await fakeBrowser.storage.managed.set({ clientId });
    const { root, input } = await mount();
    expect(input('client-id').value).toBe(clientId);
    expect(input('client-id').readOnly).toBe(true);
    expect(root.querySelector('#client-id-locked')?.textContent).toBe("Set by your organisation's policy.");
    expect(input('tenant').readOnly).toBe(false);
    await fakeBrowser.storage.managed.set({ tenant: 'fabrikam.com' });
    await vi.waitFor(() => expect(input('tenant').value).toBe('fabrikam.com'));
    expect(input('tenant').readOnly).toBe(true);
  });
});
