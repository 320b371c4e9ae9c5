// The policy example in docs/enterprise-deployment.md is what administrators copy: it must be a policy
// the extension takes whole, with nothing set aside.
import { readFileSync } from 'node:fs';
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { readConnection } from './connection.ts';
import { managedDefaultDurationItem, readHistoryRetention, readNotificationSettings } from './managed-settings.ts';
import { readAllPresets } from './presets.ts';

function documentedPolicy(): Record<string, unknown> {
  const doc = readFileSync('docs/enterprise-deployment.md', 'utf8');
  const json = /A complete example, as JSON:\n\n```json\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!json) throw new Error('the complete example is missing from docs/enterprise-deployment.md');
  return JSON.parse(json) as Record<string, unknown>;
}

describe('the documented policy example', () => {
  it('configures every setting, with nothing ignored or repaired', async () => {
    const warn = vi.spyOn(console, 'warn');
    await fakeBrowser.storage.managed.set(documentedPolicy());

    const { connection, locked } = await readConnection();
    expect(connection).toMatchObject({
      tenant: '00000000-0000-0000-0000-000000000000',
      clientId: '11111111-1111-1111-1111-111111111111',
      cloud: 'global',
    });
    expect(locked).toEqual({ tenant: true, clientId: true, cloud: true });
    expect(await managedDefaultDurationItem.get()).toBe(60);
    const notifications = await readNotificationSettings();
    expect([...notifications.locked].sort()).toEqual(['approval', 'expiring', 'expiringLeadMinutes', 'staleAccess']);
    expect(notifications.value.expiringLeadMinutes).toBe(15);
    expect(await readHistoryRetention()).toMatchObject({ value: 90 });
    const presets = await readAllPresets();
    expect(presets.managedError).toBeUndefined();
    expect(presets.managed.map((p) => p.name)).toEqual(['Incident: production databases']);
    expect(warn).not.toHaveBeenCalled();
  });
});
