// The core journey of a user, written once and walked in both browsers (journey/chromium.test.ts,
// firefox/journey.test.ts): configured by the organisation's policy, sign-in through
// launchWebAuthFlow, the list, one-click and step-up activations, deactivation, the countdown
// badge, the expiry notification, a sign-in that outlives the background, a preset imported and
// applied; then an approver's decision from the popup.
// Where the browsers differ by design, the step says so and asserts each browser's exact outcome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeShareCode, presetSetOf } from '../../../src/core/presets/index.ts';
import type { LogEntry } from '../../emulator/request-log.ts';
import { control } from '../../emulator/test-client.ts';
import { clearLog, emuState, GROUPS, type Group, moveClock, requestsFor, schedulePosts } from '../emulator-kit.ts';
import { ADELE, ALEX, MEGAN } from '../stack.ts';
import type { Badge, JourneyBrowser, JourneyPage } from './driver.ts';

const PRESET = 'Journey release night';
/** A JSON Web Token, as the emulator (like Entra) issues them. */
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/;
const SQL = `${GROUPS.sqlAdmins.id}:member`;
const KEYVAULT = `${GROUPS.keyVault.id}:member`;
const ACTIVE = /^Active until .+ · .+ left$/;
// The badge's colours (core/badge.ts): time left, under 10 minutes.
const BLUE = '#0F6CBD';
const AMBER = '#BC4B09';

const REQUESTERS: Record<string, string> = { 'Adele Vance': ADELE, 'Megan Bowen': MEGAN };

const rowSelector = (group: Group) => `li[data-key="${group.id}:member"]`;

export function describeJourney(start: () => Promise<JourneyBrowser>): void {
  let b: JourneyBrowser;
  let options: JourneyPage;

  beforeAll(async () => {
    b = await start();
    options = await b.openPage('options');
  });
  afterAll(async () => {
    await b?.close();
  });

  /** The authority requests since the log was cleared: endpoint, prompt and status. */
  const authorityCalls = async (): Promise<string[]> =>
    (await control<LogEntry[]>(b.emu, '/log'))
      .filter((l) => l.area === 'authority')
      .map((l) => {
        const url = new URL(l.path, 'https://login.microsoftonline.com');
        const prompt = url.searchParams.get('prompt');
        return `${url.pathname.split('/').at(-1)}${prompt ? ` prompt=${prompt}` : ''} ${l.status}`;
      });
  const badge = () => b.background<Badge>('readBadge');
  const shown = async () => (await b.background<string[]>('activeNotificationIds')).sort();
  /** Reads Graph again, as opening the popup does, and lets the watcher finish with what it read. */
  const refreshed = async () => {
    expect(await options.ask('refresh', { force: true })).toMatchObject({ ok: true });
    await b.background('tick');
  };
  const stateOf = async (page: JourneyPage, group: Group) => (await page.texts(`${rowSelector(group)} .row__state`))[0];
  /**
   * The real toolbar popup, once `ready` is in it: a 380px body, nothing to scroll sideways, and
   * `content`. A toolbar popup takes the size of its content; a width that followed the viewport
   * (`max-inline-size: 100vw`, until 2026-12-06) held it at 173px in Chromium and 21px in Firefox.
   * Its width past the body's is room for a vertical scroll bar, where the browsers differ: Firefox
   * always has the stable gutter (popup.css), Chromium adds 30px when the content is taller than
   * the popup.
   */
  const expectToolbarPopup = async (ready: string, tallerThanPopup: boolean, content: string[]) =>
    expect(await b.toolbarPopup(ready)).toEqual({
      viewportWidth: b.name === 'firefox' ? 392 : tallerThanPopup ? 410 : 380,
      body: 380,
      main: 380,
      overflowX: 0,
      content,
    });

  describe('the core journey', () => {
    it('is configured by the organisation’s managed policy', async () => {
      // The browser reads the policy a few seconds after start.
      await expect
        .poll(async () => (await options.ask('getAuthState', undefined)).value, { timeout: 20_000 })
        .toEqual({ configured: true, accounts: [], redirectUri: b.redirectUri });
    });

    it('opens as a real toolbar popup, 380px wide, asking to sign in', async () => {
      await expectToolbarPopup('.empty-state[aria-label="Sign in to see your groups"]', false, [
        'Sign in to see your groups',
      ]);
    });

    it('signs in through launchWebAuthFlow; the token request carries the extension’s origin', async () => {
      // The emulator answers for Adele, as an existing Entra session would: no window to click.
      await control(b.emu, '/settings', { autoSignIn: ADELE, autoApproveMfa: true });
      await clearLog(b);
      const reply = await options.ask<{ name: string }>('signIn', {});
      expect(reply).toMatchObject({ ok: true, value: { name: 'Adele Vance' } });
      const authority = (await control<LogEntry[]>(b.emu, '/log')).filter((l) => l.area === 'authority');
      expect(
        authority.map((l) => [l.method, new URL(l.path, 'https://x').pathname.split('/').at(-1), l.status]),
      ).toEqual([
        ['GET', 'authorize', 302],
        ['POST', 'token', 200],
      ]);
      // Entra redeems a SPA's code only from a cross-origin request: the extension's own origin.
      expect(authority[1]?.origin).toBe(b.origin);
    });

    it('shows the list', async () => {
      const popup = await b.openPage('popup');
      await expect.poll(async () => (await popup.texts('li[data-key]')).length, { timeout: 20_000 }).toBe(16);
      expect(await stateOf(popup, GROUPS.sqlAdmins)).toBe('Eligible');
      expect(await stateOf(popup, GROUPS.aks)).toMatch(/^Active until .+ · 2 hr left$/);
      expect(await stateOf(popup, GROUPS.vpn)).toBe('Permanent');
      expect(await stateOf(popup, GROUPS.billing)).toBe('Pending approval');
      await popup.close();
    });

    it('shows the list in the real toolbar popup, 380px wide, what is happening now first', async () => {
      await expectToolbarPopup('li[data-key]', true, [
        'Now|SG-Billing-Administrators',
        '|SG-Prod-AKS-Operators',
        'All groups|Azure Subscription Owners – Finance',
      ]);
    });

    it('activates a group with one click, for the policy’s longest duration', async () => {
      const popup = await b.openPage('popup');
      await clearLog(b);
      await popup.clickButton(`Activate ${GROUPS.sqlAdmins.name} as member`);
      await expect.poll(() => stateOf(popup, GROUPS.sqlAdmins), { timeout: 20_000 }).toMatch(ACTIVE);
      expect((await schedulePosts(b)).map((p) => p.status)).toEqual([201]);
      expect(
        (await requestsFor(b, GROUPS.sqlAdmins)).map((r) => [r.status, r.scheduleInfo?.expiration.duration]),
      ).toEqual([['Provisioned', 'PT8H']]);
      await popup.close();
    });

    it('steps up for a group that needs authentication context c1: one POST, no error', async () => {
      await clearLog(b);
      const reply = await options.ask('activate', {
        groupId: GROUPS.keyVault.id,
        accessId: 'member',
        durationMinutes: 30,
        justification: 'Rotate storage keys',
      });
      expect(reply).toMatchObject({ ok: true, value: { status: 'active' } });
      expect((await schedulePosts(b)).map((p) => p.status)).toEqual([201]);
      // The session's token cannot carry the claim (the refresh token is refused), prompt=none
      // cannot add it, and the sign-in with the claims request does (the emulator's user answers at once).
      expect(await authorityCalls()).toEqual(['token 400', 'authorize prompt=none 302', 'authorize 302', 'token 200']);
    });

    it('counts down on the badge: the soonest end, blue, then amber with a notification before it', async () => {
      await refreshed();
      expect(await badge()).toMatchObject({ text: '30m', color: BLUE });
      expect((await badge()).title.split('\n')).toEqual([
        'PIM for Groups',
        expect.stringMatching(/^SG-KeyVault-Secrets-Officers \(member\) until /),
        expect.stringMatching(/^SG-Prod-AKS-Operators \(member\) until /),
        expect.stringMatching(/^SG-Prod-SQL-Admins \(member\) until /),
        'SG-VPN-Users (member), permanent',
        'SG-Billing-Administrators (member), waiting for approval',
      ]);
      // Each activation is announced once (opening the popup would clear these: it shows the same).
      await expect
        .poll(shown)
        .toEqual([
          expect.stringMatching(new RegExp(`^activated:${SQL}:\\d+$`)),
          expect.stringMatching(new RegExp(`^activated:${KEYVAULT}:\\d+$`)),
        ]);
      await moveClock(b, 21);
      await refreshed();
      expect(await badge()).toMatchObject({ text: '9m', color: AMBER });
      expect(await shown()).toEqual([
        expect.stringMatching(new RegExp(`^activated:${SQL}:\\d+$`)),
        expect.stringMatching(new RegExp(`^activated:${KEYVAULT}:\\d+$`)),
        expect.stringMatching(new RegExp(`^expiring:${KEYVAULT}:\\d+$`)),
      ]);
    });

    it('says when the activation ended, and the badge moves on to the next one', async () => {
      await moveClock(b, 10);
      await refreshed();
      // Shown notifications stay until the user closes them, except what is no longer true: Key Vault's
      // "active until …" and its warning (whose button would queue for a past end). The end says so.
      expect(await shown()).toEqual([
        expect.stringMatching(new RegExp(`^activated:${SQL}:\\d+$`)),
        expect.stringMatching(new RegExp(`^ended:${KEYVAULT}:\\d+$`)),
      ]);
      // SG-Prod-AKS-Operators (active for two hours since the emulator started) is next: 2 h - 31 min,
      // less the real time the journey took so far (the minutes depend on the machine's speed).
      const next = await badge();
      expect(next).toMatchObject({ text: expect.stringMatching(/^1h[0-2]\d$/), color: BLUE });
      expect(next.title.split('\n')[1]).toMatch(/^SG-Prod-AKS-Operators \(member\) until /);
    });

    it('deactivates from the popup', async () => {
      const popup = await b.openPage('popup');
      await clearLog(b);
      await popup.clickButton(`Deactivate ${GROUPS.sqlAdmins.name} as member`);
      await expect.poll(() => stateOf(popup, GROUPS.sqlAdmins), { timeout: 20_000 }).toBe('Eligible');
      expect((await schedulePosts(b)).map((p) => p.status)).toEqual([201]);
      expect((await requestsFor(b, GROUPS.sqlAdmins)).map((r) => [r.action, r.status])).toEqual([
        ['selfActivate', 'Provisioned'],
        ['selfDeactivate', 'Revoked'],
      ]);
      await popup.close();
    });

    it('keeps the sign-in when the background is unloaded', async () => {
      const before = await badge();
      await b.unloadBackground();
      await clearLog(b);
      expect(await options.ask('refresh', { force: true })).toMatchObject({ ok: true });
      // Chromium: the offscreen auth host outlives the worker, and MSAL's cached token with it.
      // Firefox: MSAL lived in the event page and went with it; Entra's session renews the token
      // with no window (prompt=none through launchWebAuthFlow({ interactive: false })).
      expect(await authorityCalls()).toEqual(b.name === 'firefox' ? ['authorize prompt=none 302', 'token 200'] : []);
      expect((await options.ask<{ active?: { name: string } }>('getAuthState', undefined)).value?.active?.name).toBe(
        'Adele Vance',
      );
      // The new background redrew the badge from the stored list.
      await expect.poll(badge).toEqual(before);
    });

    it('imports a preset from a share code and applies it from the popup', async () => {
      const code = await shareCode(b.emu.tenantId, [GROUPS.helpdesk, GROUPS.aks]);
      await options.fill('Paste a share code', code);
      await options.clickButton('Review share code');
      await options.clickButton('Import 1');
      const popup = await b.openPage('popup');
      await clearLog(b);
      await popup.clickButton(`Apply ${PRESET}`);
      await expect
        .poll(async () => (await popup.texts('.presets-area__results li')).sort(), { timeout: 20_000 })
        .toEqual([`${GROUPS.helpdesk.name}: active`, `${GROUPS.aks.name}: already active`]);
      // Both are sent; PIM answers RoleAssignmentExists for the active one, reported as already active.
      expect((await schedulePosts(b)).map((p) => p.status).sort()).toEqual([201, 400]);
      const [sent] = await requestsFor(b, GROUPS.helpdesk);
      expect(sent?.justification).toMatch(/^Release on \d{4}-\d{2}-\d{2}$/);
      expect(sent?.scheduleInfo?.expiration.duration).toBe('PT1H');
      await popup.close();
      expect(await b.pageErrors()).toEqual([]);
    });

    it('kept no token in the extension’s storage on the way', async () => {
      // MSAL's cache stays in the auth host's own web storage (offscreen document or event page).
      const stored = await b.storedJson();
      expect(stored).toContain(GROUPS.helpdesk.id); // the list and history are there…
      expect(stored).not.toMatch(JWT); // …no access or id token…
      // …and none of the refresh tokens and codes the emulator issued during the journey.
      const { refreshTokens, codes } = b.emu.state.authority;
      const issued = [...refreshTokens.keys(), ...codes.keys()];
      expect(issued.length).toBeGreaterThan(1);
      expect(issued.filter((token) => stored.includes(token))).toEqual([]);
    });

    it('signs out: the badge and the watcher’s alarms go with the account', async () => {
      const alarms = async () => (await b.background<Array<{ name: string }>>('listAlarms')).map((a) => a.name).sort();
      expect(await alarms()).toContain('watch:next');
      const auth = await options.ask<{ active: { id: string } }>('getAuthState', undefined);
      expect(await options.ask('signOut', { accountId: auth.value?.active.id })).toMatchObject({ ok: true });
      await expect.poll(async () => (await badge()).text).toBe('');
      // Only the history's daily pruning is left: it belongs to the profile, not the account.
      await expect.poll(alarms).toEqual(['history:prune']);
      expect((await options.ask('getAuthState', undefined)).value).toEqual({
        configured: true,
        accounts: [],
        redirectUri: b.redirectUri,
      });
    });
  });

  describe('an approver', () => {
    it('sees the requests waiting on him in the popup and approves one with a reason', async () => {
      // Alex approves Billing requests: Adele's (still pending from the demo) and Megan's. He signs
      // in with another account, picking his own in Entra's picker (Adele's Entra session is still
      // in this browser).
      await control(b.emu, '/settings', { autoSignIn: ALEX });
      expect(await options.ask('signIn', { prompt: 'select_account' })).toMatchObject({
        ok: true,
        value: { name: 'Alex Wilber' },
      });
      expect(await options.ask('refresh', { force: true })).toMatchObject({ ok: true });
      const popup = await b.openPage('popup');
      const cards = () => popup.texts('.approval [id$="-who"]');
      await expect
        .poll(async () => (await cards()).sort())
        .toEqual(['Adele Vance asks to be member', 'Megan Bowen asks to be member']);
      // The cards are in the order their approvals expire; the reason field is the first card's.
      const [first, second] = await cards();
      const requester = first?.replace(/ asks to be member$/, '') ?? '';
      await popup.fill('Your reason', 'Audit finished');
      await popup.clickButton(`Approve ${requester}'s request for ${GROUPS.billing.name}`);
      await expect.poll(cards).toEqual([second]);
      await popup.close();
      const decided = (
        await control<{ requests: Array<{ principalId: string; groupId: string; status: string; approval: unknown }> }>(
          b.emu,
          '/state',
        )
      ).requests.find((r) => r.groupId === GROUPS.billing.id && r.principalId === REQUESTERS[requester]);
      expect(decided).toMatchObject({
        status: 'Provisioned',
        approval: { reviewResult: 'Approved', reviewedBy: ALEX, justification: 'Audit finished' },
      });
      // The other request still waits for an approver.
      const other = (await emuState(b)).requests.filter(
        (r) => r.groupId === GROUPS.billing.id && r.status === 'PendingApproval',
      );
      expect(other.map((r) => r.principalId)).toEqual([REQUESTERS[second?.replace(/ asks to be member$/, '') ?? '']]);
    });
  });
}

/** A share code of one preset, as the options page of another profile would have made it. */
async function shareCode(tenantId: string, groups: Group[]): Promise<string> {
  const at = '2026-01-05T10:00:00.000Z';
  const preset = {
    id: '0b5e7c1a-2d3f-4a6b-8c9d-0e1f2a3b4c5d',
    name: PRESET,
    entries: groups.map((g) => ({ groupId: g.id, accessId: 'member' as const })),
    durationMinutes: 60,
    justification: 'Release on {date}',
    createdAt: at,
    updatedAt: at,
    tenantId,
  };
  return encodeShareCode(presetSetOf([preset], { tenantId, now: Date.parse(at) }));
}
