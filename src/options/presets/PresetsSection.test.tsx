// @vitest-environment happy-dom
import { fakeBrowser } from '@webext-core/fake-browser';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { itemKey } from '../../core/pim-state.ts';
import { decodeShareCode, encodeShareCode, parsePresetFile, presetSetOf } from '../../core/presets/codec.ts';
import type { Preset } from '../../core/presets/schema.ts';
import { GROUP_A, GROUP_B, GROUP_C, OTHER_TENANT, preset, TENANT } from '../../core/presets/test-fixtures.ts';
import { accountsItem } from '../../platform/items.ts';
import { snapshotItem } from '../../platform/pim-items.ts';
import { myPresetsItem } from '../../platform/preset-items.ts';
import { PresetsSection } from './PresetsSection.tsx';

const account = { id: 'oid.tid', username: 'adele@contoso.com', name: 'Adele Vance', tenantId: TENANT };

const group = (groupId: string, groupName: string, accessId: 'member' | 'owner' = 'member') => ({
  key: itemKey(groupId, accessId),
  groupId,
  groupName,
  accessId,
  eligible: true,
  eligibleUntilMs: null,
});

beforeEach(async () => {
  await accountsItem.set({ activeId: account.id, known: [account] });
  await snapshotItem.set({
    accountId: account.id,
    fetchedAtMs: Date.now(),
    items: [group(GROUP_A, 'SG-Helpdesk'), group(GROUP_B, 'SG-SQL-Admins'), group(GROUP_B, 'SG-SQL-Admins', 'owner')],
  });
});

const roots: HTMLElement[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) render(null, root);
  document.body.innerHTML = '';
  history.replaceState(null, '', '/');
  vi.restoreAllMocks();
});

async function mount() {
  const root = document.createElement('div');
  document.body.append(root);
  roots.push(root);
  render(<PresetsSection />, root);
  await vi.waitFor(() => expect(root.querySelector('#presets-heading')).not.toBeNull());
  const $ = <E extends Element = HTMLElement>(selector: string) => root.querySelector<E>(selector) as E;
  const button = (name: string | RegExp) => {
    const found = Array.from(root.querySelectorAll('button')).find((b) => {
      const label = b.getAttribute('aria-label') ?? b.textContent ?? '';
      return typeof name === 'string' ? label === name : name.test(label);
    });
    if (!found) throw new Error(`no button ${name}`);
    return found;
  };
  const click = (element: Element) =>
    act(() => {
      (element as HTMLElement).click();
    });
  const type = (selector: string, value: string) =>
    act(() => {
      const input = $<HTMLInputElement>(selector);
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  const submit = (form: Element) =>
    act(() => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
  const status = () => $('[data-testid=presets-status]').textContent ?? '';
  const names = () =>
    Array.from(root.querySelectorAll('[data-preset-id]:not([data-managed]) .preset__name')).map((e) => e.textContent);
  return { root, $, button, click, type, submit, status, names };
}

const stored = () => myPresetsItem.get();
const store = (presets: Preset[]) => myPresetsItem.set(presets);

describe('presets section: the user’s presets', () => {
  it('creates a preset, with specific messages for what is missing', async () => {
    const m = await mount();
    expect(m.root.textContent).toContain('You have no presets yet.');
    await m.click(m.button('New preset'));
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('preset-editor-heading'));
    await m.type('#preset-durationMinutes', '3');
    await m.type('#preset-appUrl', 'http://intranet');
    await m.submit(m.$('form.preset-editor'));
    expect(m.$('#preset-name-error').textContent).toBe('Enter a name.');
    expect(m.$('#preset-entries-error').textContent).toBe('Choose at least one group.');
    expect(m.$('#preset-durationMinutes-error').textContent).toBe('Enter whole minutes from 5 to 1440.');
    expect(m.$('#preset-appUrl-error').textContent).toMatch(/https:\/\//);
    expect(m.$('#preset-name').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(m.$('#preset-name'));
    expect(await stored()).toEqual([]);

    await m.type('#preset-name', '  Helpdesk  ');
    await m.click(m.$('#preset-group-0'));
    await m.click(m.$('#preset-group-2'));
    await m.type('#preset-durationMinutes', '90');
    await m.type('#preset-justification', 'Ticket {ticket} on {date}');
    await m.type('#preset-ticketSystem', 'ServiceNow');
    await m.type('#preset-appUrl', 'https://portal.azure.com/');
    await m.type('#preset-note', 'Weekend rota');
    await m.submit(m.$('form.preset-editor'));
    await vi.waitFor(async () => expect(await stored()).toHaveLength(1));
    const [saved] = await stored();
    expect(saved).toMatchObject({
      name: 'Helpdesk',
      entries: [
        { groupId: GROUP_A, accessId: 'member' },
        { groupId: GROUP_B, accessId: 'owner' },
      ],
      durationMinutes: 90,
      justification: 'Ticket {ticket} on {date}',
      ticketSystem: 'ServiceNow',
      appUrl: 'https://portal.azure.com/',
      note: 'Weekend rota',
      tenantId: TENANT,
    });
    expect(saved).not.toHaveProperty('ticketNumber');
    await vi.waitFor(() => expect(m.status()).toBe('Saved Helpdesk.'));
    expect(m.root.querySelector('form.preset-editor')).toBeNull();
    expect(m.names()).toEqual(['Helpdesk']);
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Edit Helpdesk'));
  });

  it('refuses a name another preset has', async () => {
    await store([preset({ name: 'Helpdesk' })]);
    const m = await mount();
    await m.click(m.button('New preset'));
    await m.type('#preset-name', 'HELPDESK');
    await m.click(m.$('#preset-group-1'));
    await m.submit(m.$('form.preset-editor'));
    expect(m.$('#preset-name-error').textContent).toBe('You already have a preset with this name.');
    expect(await stored()).toHaveLength(1);
  });

  it('edits a preset in place, keeping its id and an entry no longer eligible', async () => {
    const original = preset({
      name: 'Helpdesk',
      entries: [
        { groupId: GROUP_A, accessId: 'member' },
        { groupId: GROUP_C, accessId: 'member' },
      ],
    });
    await store([preset({ name: 'First' }), original]);
    const m = await mount();
    await m.click(m.button('Edit Helpdesk'));
    expect(m.$<HTMLInputElement>('#preset-name').value).toBe('Helpdesk');
    expect(m.$<HTMLInputElement>('#preset-group-0').checked).toBe(true);
    expect(m.$('#preset-stale-0-note').textContent).toBe('not in your eligible list now');
    await m.type('#preset-name', 'Helpdesk weekend');
    await m.type('#preset-durationMinutes', '120');
    await m.submit(m.$('form.preset-editor'));
    await vi.waitFor(async () => expect((await stored())[1]?.name).toBe('Helpdesk weekend'));
    const [, edited] = await stored();
    expect(edited).toMatchObject({ id: original.id, durationMinutes: 120, createdAt: original.createdAt });
    expect(edited?.entries).toEqual(original.entries);
    expect(edited?.updatedAt).not.toBe(original.updatedAt);
  });

  it('duplicates a preset under a free name, right after it', async () => {
    await store([preset({ name: 'Helpdesk' }), preset({ name: 'Other' })]);
    const m = await mount();
    await m.click(m.button('Duplicate Helpdesk'));
    await vi.waitFor(() => expect(m.names()).toEqual(['Helpdesk', 'Helpdesk (2)', 'Other']));
    const list = await stored();
    expect(list[1]?.id).not.toBe(list[0]?.id);
    expect(list[1]?.entries).toEqual(list[0]?.entries);
    expect(m.status()).toBe('Added Helpdesk (2).');
  });

  it('reorders with keyboard-operable move buttons, keeping focus on the moved preset', async () => {
    await store([preset({ name: 'A' }), preset({ name: 'B' }), preset({ name: 'C' })]);
    const m = await mount();
    expect((m.button('Move up: A') as HTMLButtonElement).disabled).toBe(true);
    expect((m.button('Move down: C') as HTMLButtonElement).disabled).toBe(true);
    await m.click(m.button('Move up: C'));
    await vi.waitFor(() => expect(m.names()).toEqual(['A', 'C', 'B']));
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Move up: C'));
    expect(m.status()).toBe('Moved C to place 2 of 3.');
    await m.click(m.button('Move up: C'));
    await vi.waitFor(() => expect(m.names()).toEqual(['C', 'A', 'B']));
    // At the top "up" is disabled, so focus goes to the preset's next usable button.
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Edit C'));
    await m.click(m.button('Move down: A'));
    await vi.waitFor(async () => expect((await stored()).map((p) => p.name)).toEqual(['C', 'B', 'A']));
  });

  it('deletes with an Undo that puts the preset back at its place', async () => {
    const b = preset({ name: 'B' });
    await store([preset({ name: 'A' }), b, preset({ name: 'C' })]);
    const m = await mount();
    const selected = () => m.root.querySelector<HTMLInputElement>('input[aria-label="Select B to export"]')?.checked;
    // Ticked for export, then deleted: a deleted preset is no longer ticked, nor after Undo.
    await m.click(m.root.querySelector('input[aria-label="Select B to export"]') as HTMLElement);
    await vi.waitFor(() => expect(selected()).toBe(true));
    await m.click(m.button('Delete B'));
    await vi.waitFor(async () => expect((await stored()).map((p) => p.name)).toEqual(['A', 'C']));
    await vi.waitFor(() => expect(m.status()).toBe('Deleted B.'));
    const undo = m.button('Undo deleting B');
    await vi.waitFor(() => expect(document.activeElement).toBe(undo));
    await m.click(undo);
    await vi.waitFor(async () => expect((await stored()).map((p) => p.name)).toEqual(['A', 'B', 'C']));
    expect((await stored())[1]).toEqual(b);
    await vi.waitFor(() => expect(m.status()).toBe('Restored B.'));
    expect(selected()).toBe(false);
    expect(m.root.querySelector('[data-action=undo]')).toBeNull();
  });

  it('offers Undo only for a while', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      await store([preset({ name: 'A' })]);
      const m = await mount();
      await m.click(m.button('Delete A'));
      await vi.waitFor(() => expect(m.root.querySelector('[data-action=undo]')).not.toBeNull());
      await act(async () => {
        await vi.advanceTimersByTimeAsync(16_000);
      });
      expect(m.root.querySelector('[data-action=undo]')).toBeNull();
      expect(await stored()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the organisation’s presets marked and locked', async () => {
    const managed = preset({ name: 'Org on-call', managed: true });
    await fakeBrowser.storage.managed.set({ presets: presetSetOf([managed], { tenantId: TENANT, now: Date.now() }) });
    await store([preset({ name: 'Mine' })]);
    const m = await mount();
    await vi.waitFor(() => expect(m.root.querySelector('[data-managed]')).not.toBeNull());
    const row = m.$('[data-managed]');
    expect(row.textContent).toContain('Org on-call');
    expect(row.textContent).toContain('Managed by your organisation');
    expect(row.querySelectorAll('button')).toHaveLength(0);
    expect(m.root.textContent).toContain("Your organisation's presets");
  });
});

describe('presets section: sharing', () => {
  it('downloads the chosen presets as a file that reads back', async () => {
    const a = preset({ name: 'A' });
    const b = preset({ name: 'B' });
    await store([a, b, preset({ name: 'C' })]);
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b: Blob | MediaSource) => {
      blob = b as Blob;
      return 'blob:presets';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const m = await mount();
    await m.click(m.$(`#preset-select-mine-${a.id}`));
    await m.click(m.$(`#preset-select-mine-${b.id}`));
    expect(m.root.textContent).toContain('2 of 3 selected.');
    await m.click(m.button('Download file'));
    await vi.waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]?.download).toMatch(/^pim-presets-\d{4}-\d{2}-\d{2}\.json$/);
    expect(clicked[0]?.href).toBe('blob:presets');
    const read = parsePresetFile(await (blob as Blob).text());
    expect(read.ok && read.set.presets.map((p) => p.name)).toEqual(['A', 'B']);
    expect(read.ok && read.set.tenantId).toBe(TENANT);
    expect(read.ok && read.set.presets[0]).toEqual(a);
    await vi.waitFor(() => expect(m.status()).toMatch(/^Downloaded pim-presets-.*\.json with 2 presets\.$/));
  });

  it('shows a share code that decodes back, and copies it', async () => {
    await store([preset({ name: 'A' }), preset({ name: 'B' })]);
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const m = await mount();
    await m.click(m.button('Create share code'));
    await vi.waitFor(() => expect(m.root.querySelector('#preset-share-code')).not.toBeNull());
    const code = m.$<HTMLTextAreaElement>('#preset-share-code');
    expect(code.readOnly).toBe(true);
    expect(code.value).toMatch(/^PIMG1\./);
    const read = await decodeShareCode(code.value);
    expect(read.ok && read.set.presets.map((p) => p.name)).toEqual(['A', 'B']);
    await m.click(m.button('Copy'));
    expect(writeText).toHaveBeenCalledWith(code.value);
    await vi.waitFor(() => expect(m.status()).toBe('Share code copied.'));
  });
});

describe('presets section: import', () => {
  const existing = () => [
    preset({ name: 'Helpdesk' }),
    preset({ name: 'Oncall', durationMinutes: 30, entries: [{ groupId: GROUP_B, accessId: 'member' }] }),
  ];

  async function pasteAndReview(m: Awaited<ReturnType<typeof mount>>, code: string) {
    await m.type('#preset-import-code', code);
    await m.submit(m.$('#preset-import-code').closest('form') as HTMLFormElement);
  }

  it('reviews a share code: added, duplicate, renamed, not eligible, other tenant; Import writes', async () => {
    const mine = existing();
    await store(mine);
    const incoming = [
      preset({ name: 'Helpdesk', tenantId: OTHER_TENANT }), // same content as mine
      preset({ name: 'Oncall', durationMinutes: 240, tenantId: OTHER_TENANT }),
      preset({
        name: 'Night shift',
        tenantId: OTHER_TENANT,
        entries: [
          { groupId: GROUP_A, accessId: 'member' },
          { groupId: GROUP_C, accessId: 'owner' },
        ],
      }),
    ];
    const code = await encodeShareCode(presetSetOf(incoming, { tenantId: OTHER_TENANT, now: Date.now() }));
    const m = await mount();
    await pasteAndReview(m, code);
    await vi.waitFor(() => expect(m.root.querySelector('.import-review')).not.toBeNull());
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('import-review-heading'));
    expect(m.$('[data-testid=other-tenant]').textContent).toMatch(/another organisation/);
    const rows = Array.from(m.root.querySelectorAll('.import-list > li'));
    expect(rows.map((r) => r.getAttribute('data-action'))).toEqual(['duplicate', 'rename', 'add']);
    expect(rows[0]?.textContent).toContain('Skipped: the same as your preset Helpdesk');
    expect(rows[1]?.textContent).toContain('Will be added as Oncall (2)');
    expect(rows[2]?.textContent).toContain('Will be added');
    expect(rows[2]?.textContent).toContain('1 of its 2 groups are not in your eligible list');
    const entries = Array.from(rows[2]?.querySelectorAll('.import-entries li') ?? []);
    expect(entries[0]?.textContent).toBe('SG-Helpdesk (Member)');
    expect(entries[0]?.hasAttribute('data-not-eligible')).toBe(false);
    expect(entries[1]?.textContent).toContain(`${GROUP_C} (Owner)`);
    expect(entries[1]?.textContent).toContain('you are not eligible for this group');
    expect(await stored()).toEqual(mine);

    await m.click(m.button('Import 2'));
    await vi.waitFor(async () => expect(await stored()).toHaveLength(4));
    const after = await stored();
    expect(after.slice(0, 2)).toEqual(mine);
    expect(after.slice(2).map((p) => p.name)).toEqual(['Oncall (2)', 'Night shift']);
    expect(after.slice(2).every((p) => !incoming.some((i) => i.id === p.id))).toBe(true);
    await vi.waitFor(() => expect(m.status()).toBe('Imported 2 presets.'));
    expect(m.root.querySelector('.import-review')).toBeNull();
  });

  it("shows an imported preset's app page with its host, and keeps it only when ticked", async () => {
    await store([]);
    const incoming = [
      preset({ name: 'Look-alike', appUrl: 'https://myapps.micros0ft.example/signin' }),
      preset({ name: 'Portal', appUrl: 'https://portal.azure.com/', durationMinutes: 30 }),
    ];
    const code = await encodeShareCode(presetSetOf(incoming, { tenantId: TENANT, now: Date.now() }));
    const m = await mount();
    await pasteAndReview(m, code);
    await vi.waitFor(() => expect(m.root.querySelector('.import-review')).not.toBeNull());
    const suggestions = Array.from(m.root.querySelectorAll('[data-testid=import-app-url]'));
    expect(suggestions.map((s) => s.querySelector('label')?.textContent)).toEqual([
      "Open myapps.micros0ft.example after “Sign out and in” for this preset's groups",
      "Open portal.azure.com after “Sign out and in” for this preset's groups",
    ]);
    expect(suggestions[0]?.textContent).toContain('(https://myapps.micros0ft.example/signin)');
    const boxes = suggestions.map((s) => s.querySelector('input') as HTMLInputElement);
    expect(boxes.map((b) => b.checked)).toEqual([false, false]);
    await m.click(boxes[1] as HTMLInputElement);
    await m.click(m.button('Import 2'));
    await vi.waitFor(async () => expect(await stored()).toHaveLength(2));
    expect((await stored()).map((p) => [p.name, p.appUrl])).toEqual([
      ['Look-alike', undefined],
      ['Portal', 'https://portal.azure.com/'],
    ]);
  });

  it('Cancel writes nothing', async () => {
    const mine = existing();
    await store(mine);
    const code = await encodeShareCode(presetSetOf([preset({ name: 'New' })], { tenantId: TENANT, now: Date.now() }));
    const m = await mount();
    await pasteAndReview(m, code);
    await vi.waitFor(() => expect(m.root.querySelector('.import-review')).not.toBeNull());
    expect(m.root.querySelector('[data-testid=other-tenant]')).toBeNull();
    await m.click(m.button('Cancel'));
    expect(m.root.querySelector('.import-review')).toBeNull();
    await vi.waitFor(() => expect(m.status()).toBe('Import cancelled. Nothing changed.'));
    expect(await stored()).toEqual(mine);
  });

  it('a damaged code shows its sentences and changes nothing', async () => {
    const mine = existing();
    await store(mine);
    const m = await mount();
    await pasteAndReview(m, 'PIMG1.not-a-real-code!!');
    await vi.waitFor(() => expect(m.root.querySelector('#preset-import-problems')).not.toBeNull());
    const problems = m.$('#preset-import-problems');
    expect(problems.getAttribute('role')).toBe('alert');
    expect(problems.textContent).toContain('Nothing was imported:');
    const expected = await decodeShareCode('PIMG1.not-a-real-code!!');
    expect(expected.ok).toBe(false);
    if (!expected.ok) {
      for (const s of expected.errors)
        expect(problems.textContent).toContain(fakeBrowser.i18n.getMessage(s.key, s.substitutions));
    }
    expect(m.root.querySelector('.import-review')).toBeNull();
    expect(await stored()).toEqual(mine);
  });

  it('reads a chosen file and a dropped one, and lists a bad file’s problems', async () => {
    await store([]);
    const m = await mount();
    const good = new File(
      [JSON.stringify(presetSetOf([preset({ name: 'From file' })], { tenantId: TENANT, now: Date.now() }))],
      'p.json',
      { type: 'application/json' },
    );
    const input = m.$<HTMLInputElement>('#preset-import-file');
    Object.defineProperty(input, 'files', { value: [good], configurable: true });
    await act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await vi.waitFor(() => expect(m.root.querySelector('.import-review')).not.toBeNull());
    expect(m.root.querySelector('.import-list')?.textContent).toContain('From file');
    await m.click(m.button('Cancel'));

    const bad = new File(['{"format":"pim-groups-presets","version":1,"presets":[{"name":""}]}'], 'bad.json');
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'], files: [bad] } });
    await act(() => {
      m.$('section.presets').dispatchEvent(drop);
    });
    expect(drop.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(m.root.querySelector('#preset-import-problems')).not.toBeNull());
    const expected = parsePresetFile(await bad.text());
    if (!expected.ok) {
      for (const s of expected.errors) {
        expect(m.$('#preset-import-problems').textContent).toContain(
          fakeBrowser.i18n.getMessage(s.key, s.substitutions),
        );
      }
    }
    expect(await stored()).toEqual([]);
  });
});

describe('presets section: a file too large', () => {
  it('is refused from its size, without being read', async () => {
    await store([]);
    const m = await mount();
    const huge = new File(['{}'], 'huge.json');
    // A file of 2 GB: only its size is looked at.
    Object.defineProperty(huge, 'size', { value: 2 ** 31 });
    const text = vi.spyOn(huge, 'text');
    const stream = vi.spyOn(huge, 'stream');
    const input = m.$<HTMLInputElement>('#preset-import-file');
    Object.defineProperty(input, 'files', { value: [huge], configurable: true });
    await act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await vi.waitFor(() => expect(m.root.querySelector('#preset-import-problems')).not.toBeNull());
    expect(m.$('#preset-import-problems').textContent).toContain(fakeBrowser.i18n.getMessage('presetErrorTooLarge'));
    expect(text).not.toHaveBeenCalled();
    expect(stream).not.toHaveBeenCalled();
    expect(m.root.querySelector('.import-review')).toBeNull();
    expect(await stored()).toEqual([]);
  });
});

describe('presets section: from the popup', () => {
  it('opens the editor with the groups named in #new-preset', async () => {
    history.replaceState(null, '', `/#new-preset=${encodeURIComponent(`${itemKey(GROUP_B, 'owner')},nonsense`)}`);
    const m = await mount();
    await vi.waitFor(() => expect(m.root.querySelector('form.preset-editor')).not.toBeNull());
    expect(m.$<HTMLInputElement>('#preset-group-0').checked).toBe(false);
    expect(m.$<HTMLInputElement>('#preset-group-2').checked).toBe(true);
    expect(location.hash).toBe('');
  });
});
