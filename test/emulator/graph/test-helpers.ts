/**
 * Shared by the Graph tests: the demo scenario's ids, a fixed test clock, hand-built tokens for
 * calling the service directly, and helpers to start the real HTTPS emulator.
 */
import type { AccessTokenClaims, Clock, EmuResponse, GraphRequest, GraphService, Scenario } from '../contract.ts';
import { loadScenario } from '../scenarios/index.ts';
import { createGraphService, type GraphOptions } from './index.ts';

export const B = '/identityGovernance/privilegedAccess/group';
export const ADELE = '4e8c1a3b-5d72-4f19-8a6e-0b3c9d2e7f41';
export const ALEX = '8b2d6f4e-1c93-47a5-b8e0-3f5a7c9d1e62';
export const MEGAN = 'c5a9e7d3-2f18-4b6c-9d04-6e8f1a3b5c73';
export const G = {
  sqlAdmins: '1f4a7c2e-3b5d-4e6f-8a9b-0c1d2e3f4a01',
  helpdesk: '2a5b8d3f-4c6e-4f70-9b0c-1d2e3f4a5b02',
  webDeploy: '3b6c9e4a-5d7f-4081-8c1d-2e3f4a5b6c03',
  finance: '4c7d0f5b-6e80-4192-9d2e-3f4a5b6c7d04',
  keyVault: '5d8e1a6c-7f91-42a3-8e3f-4a5b6c7d8e05',
  roleAdmins: '6e9f2b7d-8092-43b4-9f40-5b6c7d8e9f06',
  support: '7f0a3c8e-91a3-44c5-8051-6c7d8e9f0a07',
  dataPlatform: '80ab4d9f-a2b4-45d6-9162-7d8e9f0a1b08',
  marketing: '91bc5e0a-b3c5-46e7-a273-8e9f0a1b2c09',
  devops: 'a2cd6f1b-c4d6-47f8-b384-9f0a1b2c3d10',
  vpn: 'b3de7a2c-d5e7-4809-8495-0a1b2c3d4e11',
  aks: 'c4ef8b3d-e6f8-491a-95a6-1b2c3d4e5f12',
  billing: 'd5f09c4e-f709-4a2b-a6b7-2c3d4e5f6a13',
  falcon: 'e6a1ad5f-081a-4b3c-b7c8-3d4e5f6a7b14',
  legacy: 'f7b2be6a-192b-4c4d-88d9-4e5f6a7b8c15',
  secops: '08c3cf7b-2a3c-4d5e-99ea-5f6a7b8c9d16',
} as const;

export const ALL_SCOPES = [
  'User.Read',
  'PrivilegedEligibilitySchedule.Read.AzureADGroup',
  'PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup',
  'RoleManagementPolicy.Read.AzureADGroup',
];

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** A clock that only moves when told to, so direct tests compare exact times. */
export function fixedClock(start = Date.parse('2026-03-02T09:00:00Z')): Clock {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
    set(ms) {
      t = ms;
    },
  };
}

export function claims(
  oid: string,
  opts: { scopes?: string[]; mfa?: boolean; acrs?: string[] } = {},
): AccessTokenClaims {
  return {
    aud: 'https://graph.microsoft.com',
    iss: 'https://sts.windows.net/7f3c2a10-4b6e-4d8a-9c1f-2e5d8b9a0c11/',
    tid: '7f3c2a10-4b6e-4d8a-9c1f-2e5d8b9a0c11',
    oid,
    scp: (opts.scopes ?? ALL_SCOPES).join(' '),
    amr: opts.mfa ? ['pwd', 'mfa'] : ['pwd'],
    acrs: opts.acrs,
    appid: '3b8e6f2a-91c4-4a57-b0d2-6c1e9f4a7d35',
    iat: 0,
    nbf: 0,
    exp: 0,
  };
}

export interface Direct {
  svc: GraphService;
  clock: Clock;
  scenario: Scenario;
  call(
    method: string,
    path: string,
    init?: { query?: string; body?: unknown; token?: AccessTokenClaims; version?: 'v1.0' | 'beta' },
  ): Promise<EmuResponse>;
  /** Moves the clock and lets the machine catch up, as the server does. */
  advance(ms: number): void;
}

/** The service called directly, without HTTPS: for state-machine tests. */
export function direct(options?: GraphOptions, scenario: Scenario = loadScenario('demo')): Direct {
  const clock = fixedClock();
  const svc = createGraphService(scenario, clock, options);
  return {
    svc,
    clock,
    scenario,
    advance(ms) {
      clock.advance(ms);
      svc.tick();
    },
    call(method, path, init = {}) {
      const version = init.version ?? 'v1.0';
      const req: GraphRequest = {
        method,
        version,
        path,
        query: new URLSearchParams(init.query ?? ''),
        headers: {},
        body: init.body,
        token: init.token ?? claims(ADELE, { mfa: true }),
        baseUrl: `https://graph.microsoft.com/${version}`,
      };
      svc.tick();
      return svc.handle(req);
    },
  };
}

export function activation(groupId: string, over: Record<string, unknown> = {}, duration = 'PT1H', start?: string) {
  return {
    accessId: 'member',
    principalId: ADELE,
    groupId,
    action: 'selfActivate',
    justification: 'Investigating incident INC-4711',
    scheduleInfo: { ...(start ? { startDateTime: start } : {}), expiration: { type: 'afterDuration', duration } },
    ticketInfo: { ticketNumber: 'INC-4711', ticketSystem: 'ServiceNow' },
    ...over,
  };
}

export const deactivation = (groupId: string, accessId = 'member', principalId = ADELE) => ({
  accessId,
  principalId,
  groupId,
  action: 'selfDeactivate',
});

/** The error code and message of a Graph error response. */
export function err(res: EmuResponse): { code: string; message: string } {
  const { code, message } = (res.body as { error: { code: string; message: string } }).error;
  return { code, message };
}

export const body = <T = Record<string, unknown>>(res: EmuResponse) => res.body as T;

/** A schedule request as the tests read it back. */
export type Req = {
  id: string;
  status: string;
  targetScheduleId: string | null;
  approvalId: string | null;
  completedDateTime: string | null;
};
export type List = { value: Array<Record<string, unknown>> };
export const REQ = `${B}/assignmentScheduleRequests`;
export const MY_ACTIVE = `${B}/assignmentScheduleInstances/filterByCurrentUser(on='principal')`;
export const MY_REQS = `${REQ}/filterByCurrentUser(on='principal')`;

/** The caller's active instances in a group. */
export async function activeIn(d: ReturnType<typeof direct>, groupId: string, oid = ADELE) {
  const res = await d.call('GET', MY_ACTIVE, { token: claims(oid) });
  return body<List>(res).value.filter((i) => i.groupId === groupId);
}
