// @vitest-environment happy-dom
// Names that can be told apart and found by what is shown (issue 19).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listenForMessages } from '../../platform/messages.ts';
import { someHandlers } from '../../test-support/fake-browser-setup.ts';
import { cache, cleanup, configure, item, type Mounted, mount } from '../test/popup-harness.tsx';

const search = (m: Mounted) => m.root.querySelector<HTMLInputElement>('input[type=search]');
/** A row's accessible name, from the elements its aria-labelledby names. */
const accessibleName = (m: Mounted, row: HTMLElement) =>
  (row.getAttribute('aria-labelledby') ?? '')
    .split(' ')
    .map((id) => m.root.querySelector(`[id="${id}"]`)?.textContent)
    .join(' ');

beforeEach(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await configure();
  await cache([
    item('SG-Ops', { groupId: '6a1f0c1e-0000-4000-8000-00000000aa01' }),
    item('SG-Ops', { groupId: '6a1f0c1e-0000-4000-8000-00000000bb02' }),
    item('\u200B', { groupId: '0b5e7d2c-0000-4000-8000-000000000003' }),
    item('\u202Esnimda-GS', { groupId: 'c0ffee00-0000-4000-8000-000000000004' }),
    item('Straße-Ops', { groupId: 'c0ffee00-0000-4000-8000-000000000005' }),
  ]);
  listenForMessages(someHandlers({ refresh: () => undefined }));
});
afterEach(cleanup);

describe('shown names', () => {
  it('isolates each name in <bdi> and shows a right-to-left override as a visible code', async () => {
    const m = await mount();
    const row = m.row('\\u{202E}snimda-GS');
    expect(row.querySelector('.row__name bdi')?.textContent).toBe('\\u{202E}snimda-GS');
    expect(row.querySelector('.row__name')?.textContent).not.toContain('\u202E');
  });

  it('labels an invisible name with the group id, in the row and its buttons', async () => {
    const m = await mount();
    const row = m.row('Group without a readable name (0b5e7d2c-0000-4000-8000-000000000003)');
    expect(accessibleName(m, row)).toBe(
      'Group without a readable name (0b5e7d2c-0000-4000-8000-000000000003) Member Eligible',
    );
    expect(
      m.button(row, 'Activate Group without a readable name (0b5e7d2c-0000-4000-8000-000000000003) as member'),
    ).toBeTruthy();
  });

  it('gives identical names the end of the id, in the row and its accessible name', async () => {
    const m = await mount();
    const [first, second] = ['SG-Ops …aa01', 'SG-Ops …bb02'].map((name) => m.row(name));
    expect(accessibleName(m, first as HTMLElement)).toBe('SG-Ops …aa01 Member Eligible');
    expect(accessibleName(m, second as HTMLElement)).toBe('SG-Ops …bb02 Member Eligible');
    expect(m.button(second as HTMLElement, 'Activate SG-Ops …bb02 as member')).toBeTruthy();
  });

  it('finds rows by what is shown: ß as ss, the suffix, the label, the overridden text in typed order', async () => {
    const m = await mount();
    await m.type(search(m), 'STRASSE');
    expect(m.names()).toEqual(['Straße-Ops/Member']);
    await m.type(search(m), 'ops bb02');
    expect(m.names()).toEqual(['SG-Ops …bb02/Member']);
    await m.type(search(m), 'readable 0b5e');
    expect(m.names()).toEqual(['Group without a readable name (0b5e7d2c-0000-4000-8000-000000000003)/Member']);
    await m.type(search(m), 'snimda');
    expect(m.names()).toEqual(['\\u{202E}snimda-GS/Member']);
  });
});
