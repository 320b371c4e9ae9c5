import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { readConnection, saveConnection, watchConnection } from './connection.ts';

const tenantId = '7f3c2a10-4b6e-4d8a-9c1f-2e5d8b9a0c11';
const clientId = '3b8e6f2a-91c4-4a57-b0d2-6c1e9f4a7d35';

describe('connection settings in storage', () => {
  it('starts empty, unlocked, on the global cloud', async () => {
    expect(await readConnection()).toEqual({
      connection: { tenant: '', clientId: '', cloud: 'global' },
      locked: { tenant: false, clientId: false, cloud: false },
    });
  });

  it('saves what the user typed, normalised', async () => {
    await saveConnection({ tenant: ' Contoso.com ', clientId: clientId.toUpperCase(), cloud: 'usgov' });
    expect((await readConnection()).connection).toEqual({ tenant: 'contoso.com', clientId, cloud: 'usgov' });
  });

  it('lets the policy win field by field and marks those fields locked', async () => {
    await saveConnection({ tenant: 'mine.com', clientId, cloud: 'global' });
    await fakeBrowser.storage.managed.set({ tenant: tenantId, cloud: 'china' });
    expect(await readConnection()).toEqual({
      connection: { tenant: tenantId, clientId, cloud: 'china' },
      locked: { tenant: true, clientId: false, cloud: true },
    });
  });

  it('never overwrites the user value of a locked field, so removing the policy restores it', async () => {
    await saveConnection({ tenant: 'mine.com', clientId, cloud: 'global' });
    await fakeBrowser.storage.managed.set({ tenant: tenantId });
    await saveConnection({ tenant: 'typed-while-locked.com', clientId, cloud: 'global' });
    await fakeBrowser.storage.managed.remove('tenant');
    expect((await readConnection()).connection.tenant).toBe('mine.com');
  });

  it('ignores a policy value of the wrong type or an unknown cloud', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.managed.set({ tenant: 42, cloud: 'mars' });
    expect(await readConnection()).toMatchObject({ locked: { tenant: false, cloud: false } });
  });

  it('notifies watchers of policy and user changes', async () => {
    const seen: string[] = [];
    const stop = watchConnection((s) => seen.push(s.connection.tenant));
    await saveConnection({ tenant: 'a.com', clientId, cloud: 'global' });
    await vi.waitFor(() => expect(seen).toContain('a.com'));
    await fakeBrowser.storage.managed.set({ tenant: 'b.com' });
    await vi.waitFor(() => expect(seen).toContain('b.com'));
    stop();
  });
});
