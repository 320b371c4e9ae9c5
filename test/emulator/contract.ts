/**
 * The seams between the emulator's parts: the HTTPS server and Entra authority on one side,
 * the Graph PIM-for-Groups service on the other. Both sides code against these types only.
 */

/** The emulator's clock. Every time the emulator reports or compares comes from here, so tests can move it. */
export interface Clock {
  /** Milliseconds since the epoch, emulator time. */
  now(): number;
  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void;
  /** Sets the clock to an absolute time. */
  set(epochMs: number): void;
}

/** Claims of an access token the authority issued and the server has already verified (signature, audience, expiry). */
export interface AccessTokenClaims {
  aud: string;
  iss: string;
  tid: string;
  oid: string;
  /** Space-separated delegated scopes, as in real Entra tokens (e.g. "PrivilegedEligibilitySchedule.Read.AzureADGroup User.Read"). */
  scp: string;
  /** Authentication methods: contains "mfa" only after the MFA step. */
  amr: string[];
  /** Satisfied authentication contexts ("c1", ...), present only after one was requested and satisfied. */
  acrs?: string[];
  /** Client capabilities, ["cp1"] when the client declared CP1. */
  xms_cc?: string[];
  appid: string;
  upn?: string;
  name?: string;
  iat: number;
  nbf: number;
  exp: number;
}

/** A Graph request as the server hands it to the Graph service. */
export interface GraphRequest {
  method: string;
  version: 'v1.0' | 'beta';
  /** Path after the version, percent-decoded, starting with "/", e.g. "/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances/filterByCurrentUser(on='principal')". */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined. */
  body: unknown;
  token: AccessTokenClaims;
  /** Absolute base used to build @odata.nextLink / @odata.context, e.g. "https://graph.microsoft.com/v1.0". */
  baseUrl: string;
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is a string (then sent as-is). Undefined means no body (e.g. 204). */
  body?: unknown;
}

/** Scenario data files (test/emulator/scenarios/*.json) follow this shape. Times are ISO strings, or offsets like "-PT2H" / "+P1D" relative to the emulator's start time. */
export interface Scenario {
  name: string;
  /** Emulator start time (ISO). Absent: the real time at start. */
  startTime?: string;
  tenant: { id: string; domain: string; displayName: string };
  /** App registrations the authority knows. */
  clients: Array<{
    clientId: string;
    displayName: string;
    /** Registered SPA redirect URIs, e.g. "https://<extension-id>.chromiumapp.org/". */
    redirectUris: string[];
    /** Delegated Graph scopes an admin has consented to; others get AADSTS65001. */
    consentedScopes: string[];
    /** Optional claims added to the id token (Token configuration), e.g. ["login_hint"] for Entra's logout_hint. */
    idTokenOptionalClaims?: Array<'login_hint'>;
  }>;
  users: Array<{
    id: string;
    userPrincipalName: string;
    displayName: string;
    /** Authentication contexts this user can satisfy at sign-in (e.g. ["c1"]). MFA is always possible. */
    authContexts?: string[];
    /**
     * Conditional Access (or per-user MFA) requires MFA at every sign-in of this user, so their
     * sessions and tokens carry `mfa` in `amr`. Default false: single-factor sessions, MFA only
     * when a request asks for a context that maps to it (the reserved `p1`) or an auth context.
     */
    mfaAtSignIn?: boolean;
    /**
     * A B2B guest: the user's home tenant and object id there. MSAL's home account id (client_info)
     * comes from these; the object id in this (resource) tenant is `id`, which PIM requires.
     */
    home?: { tenantId: string; objectId: string };
  }>;
  /**
   * `deleted`: the group is gone from the directory (`$expand=group` → null, `/groups/{id}` → 404,
   * no policy, activation → 400), while PIM still lists eligibilities naming it.
   */
  groups: Array<{ id: string; displayName: string; description?: string; mail?: string | null; deleted?: boolean }>;
  /** One per (group, accessId) that is onboarded to PIM. */
  policies: Array<{
    groupId: string;
    accessId: 'member' | 'owner';
    /** ISO 8601 duration, default "PT8H". */
    maximumDuration?: string;
    /** Subset of "MultiFactorAuthentication" | "Justification" | "Ticketing". */
    enabledRules?: string[];
    approvalRequired?: boolean;
    /** User ids of primary approvers (`singleUser`) when approval is required. */
    approvers?: string[];
    /**
     * Group ids whose members approve (`groupMembers`): the group's active `member` assignments at
     * the moment of each read or decision, so losing the membership takes the approval away.
     */
    approverGroups?: string[];
    /** `isApproverJustificationRequired` of the approval stage; default true (the documented example's value). */
    approverJustificationRequired?: boolean;
    /** Authentication context claim value (e.g. "c1") or null. */
    authenticationContext?: string | null;
  }>;
  eligibilities: Array<{
    principalId: string;
    groupId: string;
    accessId: 'member' | 'owner';
    startDateTime?: string;
    endDateTime?: string | null;
  }>;
  /** Existing active assignments: "assigned" are permanent/direct, "activated" came from PIM. */
  assignments: Array<{
    principalId: string;
    groupId: string;
    accessId: 'member' | 'owner';
    assignmentType: 'assigned' | 'activated';
    startDateTime?: string;
    endDateTime?: string | null;
  }>;
  /**
   * Requests already in flight: `PendingApproval` (needs a policy with approval), or `Granted`: a
   * scheduled activation whose `startDateTime` is in the future; its instance appears at the start.
   */
  requests?: Array<{
    principalId: string;
    groupId: string;
    accessId: 'member' | 'owner';
    status: 'PendingApproval' | 'Granted';
    justification?: string;
    createdDateTime?: string;
    startDateTime?: string;
    duration?: string;
  }>;
}

/** What the Graph side exposes to the server and the control API. */
export interface GraphService {
  /** Handles one Graph request (including POST /$batch). Authorisation of scopes happens here; the token is already verified. */
  handle(req: GraphRequest): Promise<EmuResponse>;
  /** Control: the approver decides a pending request (approval id = request id). */
  decideApproval(input: {
    approvalId: string;
    approverId: string;
    decision: 'Approve' | 'Deny';
    justification?: string;
  }): EmuResponse;
  /** Control: the PIM state machine catches up with the clock (expiries, scheduled starts, approval timeouts, last-owner retries). Called before every request and after every clock move. */
  tick(): void;
  /** Control: a JSON snapshot of the state (requests, instances) for tests. */
  snapshot(): unknown;
}
