import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../emulator/server.ts';
import { control, emuFetch } from '../emulator/test-client.ts';
import { type EmuRequest, emuState, GROUPS } from './emulator-kit.ts';
import { type ExtensionSession, launchExtension } from './harness.ts';
import { applyManagedPolicy } from './policy.ts';
import { ADELE, ALEX, ask, MEGAN, type Stack, signInAs } from './stack.ts';

// The approver's side with two browsers on one emulator: Adele requests in hers, Alex (who
// approves Role-Admins and Billing requests; Megan approves Billing too) sees, decides, and Adele's
// extension reports the outcome. Each browser is its own profile, signed in as its own user.
const ROLE_ADMINS = GROUPS.roleAdmins;
const BILLING = GROUPS.billing;
const H = 3_600_000;

let emu: Emulator;
let adele: Stack;
let alex: Stack;
let adelePage: Page;
let alexPage: Page;

async function browserFor(userId: string): Promise<{ stack: Stack; page: Page }> {
  const ext: ExtensionSession = await launchExtension({ emulator: { port: emu.port, spki: emu.spki } });
  await applyManagedPolicy(ext, { tenant: emu.tenantId, clientId: emu.clientId });
  // One emulator for both: closing a browser leaves it running (afterAll closes it).
  const stack: Stack = { emu, ext, close: () => ext.close() };
  const page = await ext.openOptions();
  await signInAs(stack, page, userId);
  return { stack, page };
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, scenario: 'demo' });
  ({ stack: adele, page: adelePage } = await browserFor(ADELE));
  ({ stack: alex, page: alexPage } = await browserFor(ALEX));
  // Both lists read (and with them, each user's approver check).
  expect((await ask(adelePage, 'refresh', { force: true })).ok).toBe(true);
  expect((await ask(alexPage, 'refresh', { force: true })).ok).toBe(true);
}, 120_000);
afterAll(async () => {
  await adele?.close();
  await alex?.close();
  await emu?.close();
});

const pendingFor = async (groupId: string, principalId: string): Promise<EmuRequest> => {
  const found = (await emuState(adele)).requests.find(
    (r) => r.groupId === groupId && r.principalId === principalId && r.status === 'PendingApproval',
  );
  if (!found) throw new Error(`no pending request of ${principalId} for ${groupId}`);
  return found;
};
const requestById = async (id: string) => (await emuState(adele)).requests.find((r) => r.id === id);
const notificationIds = async (s: Stack) =>
  Object.keys(await s.ext.worker.evaluate(() => chrome.notifications.getAll())).sort();
const badge = (s: Stack) =>
  s.ext.worker.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    colour: (await chrome.action.getBadgeBackgroundColor({})).slice(0, 3),
    title: await chrome.action.getTitle({}),
  }));
const alarmNames = async (s: Stack) =>
  (await s.ext.worker.evaluate(() => chrome.alarms.getAll())).map((a) => a.name).sort();
const waitingIds = (s: Stack) =>
  s.ext.worker.evaluate(async () => {
    const stored = (await chrome.storage.local.get('cache:approvals'))['cache:approvals'] as
      | { items: Array<{ id: string }> }
      | undefined;
    return (stored?.items ?? []).map((i) => i.id).sort();
  });
/** Fires the approvals alarm now, as Chromium would at its time (the test does not wait five minutes). */
const fireApprovalsAlarm = (s: Stack) =>
  s.ext.worker.evaluate(async () => {
    const alarm = await chrome.alarms.get('approvals:poll');
    if (!alarm) throw new Error('no approvals alarm is scheduled');
    (chrome.alarms.onAlarm as unknown as { dispatch(a: chrome.alarms.Alarm): void }).dispatch(alarm);
  });
const clearAll = (s: Stack) =>
  s.ext.worker.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
const settled = (s: Stack) =>
  s.ext.worker.evaluate(() => (globalThis as unknown as { pim: { tick(): Promise<void> } }).pim.tick());

async function alexPopup(): Promise<{ page: Page; section: Locator }> {
  const page = await alex.ext.openPopup();
  await page.setViewportSize({ width: 380, height: 600 });
  const section = page.getByRole('region', { name: /^Waiting on you/ });
  await section.waitFor();
  // The popup asks for a refresh when it opens; a refresh asked now joins it (or finds it done), so
  // what the test does next cannot race the list read the opening started.
  expect((await ask(alexPage, 'refresh', {})).ok).toBe(true);
  return { page, section };
}
/** Adele asks for `group`, which needs approval, and Alex's approvals alarm fires: her request as the emulator holds it. */
async function adeleAsks(group: { id: string }, justification: string): Promise<EmuRequest> {
  const reply = await ask(adelePage, 'activate', {
    groupId: group.id,
    accessId: 'member',
    durationMinutes: 60,
    justification,
  });
  expect(reply).toMatchObject({ ok: true, value: { status: 'pendingApproval' } });
  const request = await pendingFor(group.id, ADELE);
  await fireApprovalsAlarm(alex);
  return request;
}
const card = (section: Locator, requester: string, group: string) =>
  section.getByRole('article', { name: group }).filter({ hasText: `${requester} asks to be` });
const byName = (ids: string[]) => ids.map((id) => `approval:${id}`).sort();

describe('approvers decide from the toolbar', () => {
  it('Alex sees the requests waiting on him: badge count in its colour, one notification each', async () => {
    const [adeles, megans] = [await pendingFor(BILLING.id, ADELE), await pendingFor(BILLING.id, MEGAN)];
    expect(await waitingIds(alex)).toEqual([adeles.id, megans.id].sort());
    await settled(alex);
    expect(await badge(alex)).toEqual({
      text: '2',
      colour: [0x87, 0x64, 0xb8],
      title: 'PIM for Groups\nSG-Entra-Privileged-Role-Admins (owner), permanent\nWaiting on your approval: 2',
    });
    expect(await notificationIds(alex)).toEqual(byName([adeles.id, megans.id]));
    expect(await alarmNames(alex)).toContain('approvals:poll');
    // "Open" (the notification's one button) opens the popup and clears the notification; it decides nothing.
    const popups = () =>
      alex.ext.worker.evaluate(async () =>
        (await chrome.runtime.getContexts({}))
          .filter((c) => c.documentUrl?.includes('/src/popup/index.html'))
          .map((c) => c.contextType),
      );
    expect(await popups()).toEqual([]);
    await alex.ext.worker.evaluate(
      (id) =>
        (chrome.notifications.onButtonClicked as unknown as { dispatch(id: string, i: number): void }).dispatch(id, 0),
      `approval:${adeles.id}`,
    );
    // The toolbar popup where the browser allows it, else the popup's page in a tab.
    await expect.poll(popups).toEqual([expect.stringMatching(/^(POPUP|TAB)$/)]);
    await expect.poll(() => notificationIds(alex)).toEqual(byName([megans.id]));
    expect(await waitingIds(alex)).toEqual([adeles.id, megans.id].sort());
    // Adele approves nothing: no approvals alarm, nothing stored to show, no badge count.
    expect(await alarmNames(adele)).not.toContain('approvals:poll');
    expect(await waitingIds(adele)).toEqual([]);
    await clearAll(alex);
  });

  it('Adele requests; Alex’s extension shows it at its next poll; Alex approves with a reason; Adele is told', async () => {
    const earlier = [await pendingFor(BILLING.id, ADELE), await pendingFor(BILLING.id, MEGAN)].map((r) => r.id);
    const request = await adeleAsks(ROLE_ADMINS, 'Entra change 4711');
    await expect.poll(() => waitingIds(alex)).toEqual([...earlier, request.id].sort());
    await settled(alex);
    await expect.poll(() => notificationIds(alex)).toEqual(byName([request.id]));
    expect((await badge(alex)).text).toBe('3');

    const { page, section } = await alexPopup();
    const item = card(section, 'Adele Vance', ROLE_ADMINS.name);
    await expect.poll(() => item.textContent()).toContain('Reason: Entra change 4711');
    await item.getByRole('textbox', { name: 'Your reason' }).fill('OK for the change window');
    await item.getByRole('button', { name: `Approve Adele Vance's request for ${ROLE_ADMINS.name}` }).click();
    await expect.poll(() => item.count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('announcer').textContent())
      .toBe(`You approved Adele Vance's request for ${ROLE_ADMINS.name}.`);
    await page.close();
    expect(await requestById(request.id)).toMatchObject({ status: 'Provisioned' });
    const stage = (
      await control<{ requests: Array<{ id: string; approval: Record<string, unknown> }> }>(emu, '/state')
    ).requests.find((r) => r.id === request.id)?.approval;
    expect(stage).toMatchObject({
      reviewResult: 'Approved',
      reviewedBy: ALEX,
      justification: 'OK for the change window',
    });
    // The notification went with the request.
    expect(await notificationIds(alex)).toEqual([]);

    // Adele's extension reports the activation (its next list read: here, a refresh).
    expect((await ask(adelePage, 'refresh', { force: true })).ok).toBe(true);
    await settled(adele);
    await expect
      .poll(() => notificationIds(adele))
      .toEqual([expect.stringMatching(new RegExp(`^activated:${ROLE_ADMINS.id}:member:\\d+$`))]);
    await clearAll(adele);
  });

  it('Alex denies Megan’s Billing request; Megan’s request is Denied and leaves his list', async () => {
    const megans = await pendingFor(BILLING.id, MEGAN);
    const { page, section } = await alexPopup();
    const item = card(section, 'Megan Bowen', BILLING.name);
    await item.getByRole('textbox', { name: 'Your reason' }).fill('Refunds wait for the audit');
    await item.getByRole('button', { name: `Deny Megan Bowen's request for ${BILLING.name}` }).click();
    await expect.poll(() => item.count()).toBe(0);
    await page.close();
    expect(await requestById(megans.id)).toMatchObject({ status: 'Denied' });
    expect(await waitingIds(alex)).not.toContain(megans.id);
  });

  it('Alex denies Adele’s Billing request with a reason; Adele’s extension says it was denied', async () => {
    const billing = await pendingFor(BILLING.id, ADELE);
    const { page, section } = await alexPopup();
    const item = card(section, 'Adele Vance', BILLING.name);
    await item.getByRole('textbox', { name: 'Your reason' }).fill('Not this quarter');
    await item.getByRole('button', { name: `Deny Adele Vance's request for ${BILLING.name}` }).click();
    await expect.poll(() => item.count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('announcer').textContent())
      .toBe(`You denied Adele Vance's request for ${BILLING.name}.`);
    await page.close();
    expect(await requestById(billing.id)).toMatchObject({ status: 'Denied' });
    expect((await ask(adelePage, 'refresh', { force: true })).ok).toBe(true);
    await settled(adele);
    await expect.poll(() => notificationIds(adele)).toEqual([`pendingGone:${billing.id}`]);
    await clearAll(adele);
  });

  it('two approvers at once: Megan decides first, Alex is told who did and the request leaves his list', async () => {
    const request = await adeleAsks(BILLING, 'Invoice rerun');
    await expect.poll(() => waitingIds(alex)).toEqual([request.id]);
    const { page, section } = await alexPopup();
    const item = card(section, 'Adele Vance', BILLING.name);
    await item.waitFor();
    // Megan (the other approver, from the portal) is first; Alex's popup still shows the request.
    const first = await emuFetch(emu, `/_emulator/approvals/${request.id}`, {
      method: 'POST',
      body: { decision: 'Deny', justification: 'Duplicate of INC-9', approverId: MEGAN },
    });
    expect(first.status).toBe(204);
    await item.getByRole('textbox', { name: 'Your reason' }).fill('Fine by me');
    await item.getByRole('button', { name: `Approve Adele Vance's request for ${BILLING.name}` }).click();
    await expect
      .poll(() => section.getByRole('alert').allTextContents())
      .toEqual(['Megan Bowen already denied this request; only the first decision counts.']);
    expect(await item.count()).toBe(0);
    await page.close();
    expect(await requestById(request.id)).toMatchObject({ status: 'Denied' });
    expect(await waitingIds(alex)).toEqual([]);
  });

  it('an expired request: the 24 hours ran out while the popup showed it; Alex is told, and it goes', async () => {
    const request = await adeleAsks(BILLING, 'Month end');
    await expect.poll(() => waitingIds(alex)).toEqual([request.id]);
    const { page, section } = await alexPopup();
    const item = card(section, 'Adele Vance', BILLING.name);
    await item.waitFor();
    await control(emu, '/clock', { advanceMs: 24 * H });
    await item.getByRole('textbox', { name: 'Your reason' }).fill('Late but fine');
    await item.getByRole('button', { name: `Approve Adele Vance's request for ${BILLING.name}` }).click();
    await expect
      .poll(() => section.getByRole('alert').allTextContents(), { timeout: 20_000 })
      .toEqual([
        'This request expired before anyone decided it: approvers have 24 hours. The requester has to ask again.',
      ]);
    expect(await item.count()).toBe(0);
    await page.close();
    expect(await requestById(request.id)).toMatchObject({ status: 'Canceled' });
  });

  it('a poll still reading when Alex approves does not put the request back in his list', async () => {
    const request = await adeleAsks(ROLE_ADMINS, 'Entra change 4712');
    await expect.poll(() => waitingIds(alex)).toEqual([request.id]);
    const { page, section } = await alexPopup();
    const item = card(section, 'Adele Vance', ROLE_ADMINS.name);
    await item.waitFor();
    await settled(alex);
    // Alex's next poll: Graph reads the waiting list at once, and its answer is 5 s on the way back,
    // so it lands after his decision, still listing the request.
    const origin = await alexPage.evaluate(() => location.origin);
    await control(emu, '/log', undefined, 'DELETE');
    await control(emu, '/faults', {
      type: 'latency',
      after: true,
      latencyMs: 5_000,
      count: 1,
      match: { pathContains: '$batch', origin },
    });
    // The requests waiting on Alex in each list his background stores from now on.
    await alexPage.evaluate(() => {
      const lists: string[][] = [];
      Object.assign(window, { waitingLists: lists });
      chrome.storage.onChanged.addListener((changes, area) => {
        const stored = changes['cache:approvals']?.newValue as { items: Array<{ id: string }> } | undefined;
        if (area === 'local' && stored) lists.push(stored.items.map((i) => i.id));
      });
    });
    await fireApprovalsAlarm(alex);
    await expect.poll(() => control(emu, 'inflight')).toEqual({ count: 1 });
    await item.getByRole('textbox', { name: 'Your reason' }).fill('OK');
    await item.getByRole('button', { name: `Approve Adele Vance's request for ${ROLE_ADMINS.name}` }).click();
    await expect.poll(() => item.count()).toBe(0);
    expect(await requestById(request.id)).toMatchObject({ status: 'Provisioned' });
    await expect.poll(() => control(emu, 'inflight'), { timeout: 10_000 }).toEqual({ count: 0 });
    await settled(alex);
    // The decision was answered first (the log is in the order answers went out); the poll's read,
    // answered after it, did not bring the request back, and the decision's own poll read again.
    const graphLog = async () =>
      (await control<Array<{ method: string; path: string; area: string; origin?: string }>>(emu, '/log'))
        .filter((e) => e.area === 'graph' && e.origin === origin)
        .map((e) => `${e.method} ${e.path.split('?')[0]}`);
    await expect
      .poll(graphLog)
      .toEqual([
        expect.stringMatching(
          new RegExp(
            `^PATCH /v1.0/identityGovernance/privilegedAccess/group/assignmentApprovals/${request.id}/stages/[^/]+$`,
          ),
        ),
        'POST /v1.0/$batch',
        'POST /v1.0/$batch',
      ]);
    await settled(alex);
    // The decision's drop, then the read after it; the held read is not stored.
    await expect
      .poll(() => alexPage.evaluate(() => (window as unknown as { waitingLists: string[][] }).waitingLists))
      .toEqual([[], []]);
    expect(await waitingIds(alex)).toEqual([]);
    expect(await item.count()).toBe(0);
    expect(await notificationIds(alex)).toEqual([]);
    await page.close();
  });
});
