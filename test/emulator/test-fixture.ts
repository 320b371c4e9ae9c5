import type { GraphService, Scenario } from './contract.ts';

/**
 * A small fixed scenario and a Graph double for the server/authority contract tests, so they test this side
 * alone and keep passing whatever the Graph side's data looks like.
 */
export const TENANT_ID = '11111111-2222-3333-4444-555555555555';
export const CLIENT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const REDIRECT_URI = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
export const ALICE = 'a0000000-0000-0000-0000-00000000000a';
export const BOB = 'b0000000-0000-0000-0000-00000000000b';
/** Conditional Access requires MFA at each of Carol's sign-ins. */
export const CAROL = 'c0000000-0000-0000-0000-00000000000c';
/** A B2B guest: home tenant and object id elsewhere. */
export const GUEST = 'd0000000-0000-0000-0000-00000000000d';
export const GUEST_HOME = {
  tenantId: '99999999-8888-7777-6666-555555555555',
  objectId: 'e0000000-0000-0000-0000-00000000000e',
};

export const testScenario: Scenario = {
  name: 'contract-test',
  startTime: '2026-06-01T08:00:00Z',
  tenant: { id: TENANT_ID, domain: 'contoso.onmicrosoft.com', displayName: 'Contoso' },
  clients: [
    {
      clientId: CLIENT_ID,
      displayName: 'PIM Companion',
      redirectUris: [REDIRECT_URI],
      consentedScopes: [
        'User.Read',
        'PrivilegedEligibilitySchedule.Read.AzureADGroup',
        'PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup',
      ],
    },
  ],
  users: [
    { id: ALICE, userPrincipalName: 'alice@contoso.onmicrosoft.com', displayName: 'Alice Admin', authContexts: ['c1'] },
    { id: BOB, userPrincipalName: 'bob@contoso.onmicrosoft.com', displayName: 'Bob Builder' },
    { id: CAROL, userPrincipalName: 'carol@contoso.onmicrosoft.com', displayName: 'Carol Secure', mfaAtSignIn: true },
    {
      id: GUEST,
      userPrincipalName: 'dana_fabrikam.com#EXT#@contoso.onmicrosoft.com',
      displayName: 'Dana Guest',
      home: GUEST_HOME,
    },
  ],
  groups: [],
  policies: [],
  eligibilities: [],
  assignments: [],
};

/** Echoes what the server handed over, so tests can see the GraphRequest; counts ticks. */
export function echoGraph(): GraphService & { ticks: number; decisions: unknown[] } {
  const g = {
    ticks: 0,
    decisions: [] as unknown[],
    async handle(req: Parameters<GraphService['handle']>[0]) {
      return {
        status: 200,
        body: {
          method: req.method,
          version: req.version,
          path: req.path,
          query: req.query.toString(),
          body: req.body,
          token: req.token,
          baseUrl: req.baseUrl,
        },
      };
    },
    decideApproval(input: Parameters<GraphService['decideApproval']>[0]) {
      g.decisions.push(input);
      return { status: 204 };
    },
    tick() {
      g.ticks += 1;
    },
    snapshot: () => ({ ticks: g.ticks }),
  };
  return g;
}
