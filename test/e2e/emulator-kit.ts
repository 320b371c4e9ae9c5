// What the e2e files ask the emulator: the demo tenant's groups, its state and request log, the
// approver's decisions and its clock.
import type { Scenario } from '../emulator/contract.ts';
import { control, emuFetch } from '../emulator/test-client.ts';
import { ADELE, type Stack } from './stack.ts';

/** What these helpers need of a stack: its emulator (the shared journey runs them for Firefox too). */
type EmuStack = Pick<Stack, 'emu'>;

export const GROUPS = {
  sqlAdmins: { id: '1f4a7c2e-3b5d-4e6f-8a9b-0c1d2e3f4a01', name: 'SG-Prod-SQL-Admins' },
  helpdesk: { id: '2a5b8d3f-4c6e-4f70-9b0c-1d2e3f4a5b02', name: 'Helpdesk Tier 2' },
  webDeployers: { id: '3b6c9e4a-5d7f-4081-8c1d-2e3f4a5b6c03', name: 'SG-Prod-Web-Deployers' },
  finance: { id: '4c7d0f5b-6e80-4192-9d2e-3f4a5b6c7d04', name: 'Azure Subscription Owners – Finance' },
  keyVault: { id: '5d8e1a6c-7f91-42a3-8e3f-4a5b6c7d8e05', name: 'SG-KeyVault-Secrets-Officers' },
  roleAdmins: { id: '6e9f2b7d-8092-43b4-9f40-5b6c7d8e9f06', name: 'SG-Entra-Privileged-Role-Admins' },
  supportReaders: { id: '7f0a3c8e-91a3-44c5-8051-6c7d8e9f0a07', name: 'SG-Support-Readers' },
  dataPlatform: { id: '80ab4d9f-a2b4-45d6-9162-7d8e9f0a1b08', name: 'SG-Data-Platform-Engineers' },
  marketing: { id: '91bc5e0a-b3c5-46e7-a273-8e9f0a1b2c09', name: 'Team-Owners – Marketing Site' },
  devOps: { id: 'a2cd6f1b-c4d6-47f8-b384-9f0a1b2c3d10', name: 'SG-DevOps-Pipeline-Admins' },
  vpn: { id: 'b3de7a2c-d5e7-4809-8495-0a1b2c3d4e11', name: 'SG-VPN-Users' },
  aks: { id: 'c4ef8b3d-e6f8-491a-95a6-1b2c3d4e5f12', name: 'SG-Prod-AKS-Operators' },
  billing: { id: 'd5f09c4e-f709-4a2b-a6b7-2c3d4e5f6a13', name: 'SG-Billing-Administrators' },
  falcon: { id: 'e6a1ad5f-081a-4b3c-b7c8-3d4e5f6a7b14', name: 'Contractors – Project Falcon' },
  legacy: { id: 'f7b2be6a-192b-4c4d-88d9-4e5f6a7b8c15', name: 'Legacy-FileShare-Editors' },
} as const;

export type Group = (typeof GROUPS)[keyof typeof GROUPS];
export type Access = 'member' | 'owner';

export interface EmuRequest {
  id: string;
  status: string;
  action: string;
  accessId: Access;
  groupId: string;
  principalId: string;
  justification: string | null;
  ticketInfo: { ticketNumber: string | null; ticketSystem: string | null };
  scheduleInfo: { startDateTime: string | null; expiration: { duration?: string | null } } | null;
}
export interface EmuInstance {
  groupId: string;
  accessId: Access;
  principalId: string;
  assignmentType: string;
  endDateTime: string | null;
}
export interface EmuState {
  now: string;
  requests: EmuRequest[];
  assignmentInstances: EmuInstance[];
}

export const emuState = (stack: EmuStack) => control<EmuState>(stack.emu, '/state');
export const clearLog = (stack: EmuStack) => control(stack.emu, '/log', undefined, 'DELETE');

/** The POSTs to assignmentScheduleRequests (activations, deactivations) since the log was cleared. */
export async function schedulePosts(stack: EmuStack): Promise<Array<{ status: number }>> {
  const log = await control<Array<{ method: string; path: string; status: number }>>(stack.emu, '/log');
  return log.filter((l) => l.method === 'POST' && l.path.includes('assignmentScheduleRequests'));
}

/** Adele's requests for a group and access, newest last. */
export async function requestsFor(stack: EmuStack, group: Group, access: Access = 'member'): Promise<EmuRequest[]> {
  const state = await emuState(stack);
  // Adele's only: the demo's other users have requests too (Megan's for Billing).
  return state.requests.filter((r) => r.groupId === group.id && r.accessId === access && r.principalId === ADELE);
}

/** Adele's active assignment for a group and access in the emulator, if any. */
export async function instanceFor(stack: EmuStack, group: Group, access: Access = 'member') {
  const state = await emuState(stack);
  return state.assignmentInstances.find(
    (i) => i.groupId === group.id && i.accessId === access && i.principalId.startsWith('4e8c1a3b'),
  );
}

/** The approver decides a request (answers 204 with no body, so not through `control`). */
export async function decide(
  stack: EmuStack,
  requestId: string,
  decision: 'Approve' | 'Deny',
  justification = 'Reviewed',
): Promise<void> {
  const res = await emuFetch(stack.emu, `/_emulator/approvals/${encodeURIComponent(requestId)}`, {
    method: 'POST',
    body: { decision, justification },
  });
  if (res.status >= 300) throw new Error(`approval ${decision} failed: ${res.status} ${res.text()}`);
}

export const moveClock = (stack: EmuStack, minutes: number) =>
  control(stack.emu, '/clock', { advanceMs: minutes * 60_000 });

/** Ids of the notifications the extension shows now (they encode the event: kind, group, access, time). */
export async function notificationIds(stack: Stack): Promise<string[]> {
  return Object.keys(await stack.ext.worker.evaluate(() => chrome.notifications.getAll()));
}

/** A notification as the worker asked for it. */
export interface CreatedNotification {
  id: string;
  options: { title: string; message: string; buttons?: Array<{ title: string }> };
}

/**
 * Chromium offers no way to read a notification's text or buttons: from now on, until the worker
 * stops, record what the worker asks for. Returns the reader of what was recorded, in order.
 */
export async function recordNotifications(stack: Stack): Promise<() => Promise<CreatedNotification[]>> {
  await stack.ext.worker.evaluate(() => {
    const scope = globalThis as unknown as { created: unknown[]; chrome: typeof chrome };
    scope.created = [];
    const create = scope.chrome.notifications.create.bind(scope.chrome.notifications) as (
      id: string,
      options: unknown,
    ) => Promise<string>;
    (scope.chrome.notifications as unknown as { create: unknown }).create = (id: string, options: unknown) => {
      scope.created.push({ id, options });
      return create(id, options);
    };
  });
  return async () =>
    (await stack.ext.worker.evaluate(
      () => (globalThis as unknown as { created: unknown[] }).created,
    )) as CreatedNotification[];
}

/** Groups a user activates with one click: member, no rules, no approval or authentication context, not active. */
export function oneClickGroups(scenario: Scenario): Array<{ id: string; name: string }> {
  const userId = scenario.users[0]?.id;
  const active = new Set(scenario.assignments.filter((a) => a.principalId === userId).map((a) => a.groupId));
  return scenario.policies
    .filter(
      (p) =>
        p.accessId === 'member' &&
        (p.enabledRules ?? []).length === 0 &&
        !p.approvalRequired &&
        !p.authenticationContext &&
        !active.has(p.groupId) &&
        scenario.eligibilities.some(
          (e) => e.groupId === p.groupId && e.principalId === userId && e.accessId === 'member',
        ),
    )
    .map((p) => ({ id: p.groupId, name: scenario.groups.find((g) => g.id === p.groupId)?.displayName ?? p.groupId }));
}
