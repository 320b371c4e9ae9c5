// Property-based tests for everything read back from storage or pushed by policy: any value in any
// key reads as a value the key can store again unchanged (repaired field by field, or reset, with a
// logged reason that never quotes it); any managed policy value gives a usable connection and preset
// list; and an import either lands whole or leaves the stored presets exactly as they were.
import { fakeBrowser } from '@webext-core/fake-browser';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOUD_NAMES } from '../core/connection.ts';
import { applyImport, parsePresetFile, planImport } from '../core/presets/index.ts';
import { presetArb, presetSetArb, TENANT } from '../core/presets/test-fixtures.ts';
import { managedPresetsOf as popupManagedPresetsOf } from '../popup/usePopupPresets.ts';
import { readConnection } from './connection.ts';
import * as items from './items.ts';
import * as pimItems from './pim-items.ts';
import * as presetItems from './preset-items.ts';
import * as presets from './presets.ts';
import { managedPresetsOf } from './presets.ts';
import { declaredKeys, type StorageItem } from './storage.ts';

/** Runs per property; their sum (times the keys for the first) is the number of cases this file tries. */
const RUNS = { perKeyAnyValue: 150, perKeyNearMiss: 150, managedConnection: 500, managedPresets: 1_000, imports: 400 };

const modules = [items, pimItems, presetItems, presets];
const declared = modules
  .flatMap((m) => Object.values(m))
  .filter((x): x is StorageItem<unknown> => typeof x === 'object' && x !== null && 'key' in x && 'parse' in x);
const writable = declared.filter((item) => item.area !== 'managed');
const TOTAL_RUNS =
  writable.length * (RUNS.perKeyAnyValue + RUNS.perKeyNearMiss) +
  RUNS.managedConnection +
  RUNS.managedPresets +
  RUNS.imports;

let warnings: string[] = [];
beforeEach(() => {
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((line: string) => void warnings.push(line));
  vi.spyOn(console, 'info').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A marker no schema would produce, to prove a damaged value never reaches the log. */
const SECRET = 'eyJsecretMarker';

/** The field names the stored values use, so generated objects come close to the real layouts. */
const FIELD = fc.constantFrom(
  ...['activeId', 'known', 'id', 'username', 'name', 'tenantId', 'accountId', 'fetchedAtMs', 'items', 'key'],
  ...['groupId', 'groupName', 'accessId', 'eligible', 'eligibleUntilMs', 'active', 'pending', 'scheduled'],
  ...['requirements', 'maximumMinutes', 'justification', 'ticket', 'mfa', 'approval', 'perItem', 'durationMinutes'],
  ...['recentJustifications', 'activated', 'expiring', 'ended', 'staleAccess', 'expiringLeadMinutes', 'appUrl'],
  ...[
    'staleAccessOptOut',
    'waitingOnYou',
    'workerStarts',
    'recent',
    'kind',
    'at',
    'worker',
    'tenant',
    'clientId',
    'cloud',
  ],
  ...['activations', 'notified', 'pendingPolls', 'nextPendingPollMs', 'phase', 'startedAtMs', 'message', 'code'],
  ...['refreshing', 'lastSuccessMs', 'error', 'presetId', 'running', 'results', 'ok', 'g:member', 'g:owner'],
);
const leaf = fc.oneof(
  fc.constantFrom(0, -1, 1.5, 10, 1e308, Number.NaN, true, false, null, '', 'member', 'owner', 'activate', SECRET),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.integer({ min: 200, max: 3_000 }).map((n) => `${SECRET}${'x'.repeat(n)}`),
);
const nearMiss = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), tie('array')),
  object: fc.dictionary(FIELD, tie('value'), { maxKeys: 8 }),
  array: fc.array(tie('value'), { maxLength: 6 }),
})).value;

/** Reading `raw` from `item`'s key: never throws, and what it gives can be written back as it is. */
async function readsBack(item: StorageItem<unknown>, raw: unknown): Promise<void> {
  warnings = [];
  await fakeBrowser.storage[item.area === 'session' ? 'session' : 'local'].set({ [item.key]: raw });
  const { value, damaged } = await item.read();
  await item.set(value);
  expect(await item.read()).toEqual({ value, damaged: false });
  if (damaged) expect(warnings.join('\n')).toContain(item.key);
  expect(warnings.join('\n')).not.toContain(SECRET);
}

describe('stored values: properties', { timeout: 60_000 }, () => {
  it.each(writable.map((item) => [item.key, item] as const))(
    '%s reads anything as a storable value',
    async (_, item) => {
      await fc.assert(
        fc.asyncProperty(fc.anything({ withNullPrototype: true, withBigInt: false }), (raw) => readsBack(item, raw)),
        { numRuns: RUNS.perKeyAnyValue },
      );
      await fc.assert(
        fc.asyncProperty(nearMiss, (raw) => readsBack(item, raw)),
        { numRuns: RUNS.perKeyNearMiss },
      );
    },
  );

  it('reads any managed connection policy as a connection, policy fields locked', async () => {
    const policyValue = fc.oneof(fc.anything(), fc.string({ maxLength: 300 }), fc.constantFrom(...CLOUD_NAMES));
    await fc.assert(
      fc.asyncProperty(
        fc.record({ tenant: policyValue, clientId: policyValue, cloud: policyValue }, { requiredKeys: [] }),
        async (policy) => {
          await fakeBrowser.storage.managed.clear();
          await fakeBrowser.storage.managed.set(policy);
          const { connection, locked } = await readConnection();
          expect(CLOUD_NAMES).toContain(connection.cloud);
          expect(typeof connection.tenant).toBe('string');
          expect(typeof connection.clientId).toBe('string');
          expect(locked.cloud).toBe(CLOUD_NAMES.includes(policy.cloud as never));
        },
      ),
      { numRuns: RUNS.managedConnection },
    );
  });

  it('reads any managed presets policy as presets or a reason, never a mix, the same in the popup', () => {
    const asJson = presetSetArb.map((set) => JSON.stringify(set));
    fc.assert(
      fc.property(fc.oneof(fc.anything(), presetSetArb, asJson, nearMiss), (raw) => {
        const { managed, managedError } = managedPresetsOf(raw);
        if (managedError) {
          expect(managed).toEqual([]);
          expect(managedError.length).toBeGreaterThan(0);
        }
        for (const p of managed) expect(p.managed).toBe(true);
        // The popup reads the policy with the schema alone; it must show exactly the same presets.
        expect(popupManagedPresetsOf(raw)).toEqual(managed);
      }),
      { numRuns: RUNS.managedPresets },
    );
  });

  it('stores an import whole, or leaves the stored presets exactly as they were', async () => {
    const importText = fc.oneof(
      presetSetArb.map((set) => JSON.stringify(set)),
      fc.string({ maxLength: 100 }),
      nearMiss.map((v) => JSON.stringify(v) ?? ''),
    );
    let stored = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(presetArb, { maxLength: 5 }), importText, async (existing, text) => {
        const mine = existing.map(({ managed: _m, ...p }) => p);
        await fakeBrowser.storage.local.set({ [presetItems.myPresetsItem.key]: mine });
        const before = await fakeBrowser.storage.local.get(presetItems.myPresetsItem.key);
        const read = parsePresetFile(text);
        if (!read.ok) {
          refused++;
        } else {
          const plan = planImport(mine, read.set, { tenantId: TENANT, eligibleKeys: new Set() });
          const next = applyImport(mine, plan);
          try {
            await presetItems.myPresetsItem.set(next);
            expect(await presetItems.myPresetsItem.get()).toEqual(next);
            stored++;
            return;
          } catch {
            refused++;
          }
        }
        expect(await fakeBrowser.storage.local.get(presetItems.myPresetsItem.key)).toEqual(before);
      }),
      { numRuns: RUNS.imports },
    );
    expect(stored).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it(`tries ${TOTAL_RUNS} cases in all`, () => {
    console.log(`[fuzz] src/platform/stored-values.properties.test.ts: ${TOTAL_RUNS} cases (${writable.length} keys)`);
    // Every key the extension declares outside managed storage is covered above.
    const all = [...declaredKeys()].filter(([, area]) => area !== 'managed').map(([key]) => key);
    expect(writable.map((item) => item.key).sort()).toEqual(all.sort());
  });
});
