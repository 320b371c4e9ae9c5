// The state the popup renders and the background keeps current: one item per eligible (or active)
// group and access. All times are epoch milliseconds on Graph's clock (see server time).

export type AccessId = 'member' | 'owner';

/**
 * Bounds on what Graph may send, shared by the Graph schemas (which reject anything longer as a
 * malformed answer) and the cache (which must then take every list that was accepted, whole).
 * Entra object and request ids are GUIDs; Graph allows long justifications when set outside PIM's UI.
 */
export const PIM_LIMITS = {
  groupId: 64,
  groupName: 512,
  requestId: 128,
  justification: 2000,
  /** An authentication context id ("c1"…"c99" in Entra); never shortened, it names what to ask for. */
  authContext: 64,
  /** Items in one list (eligible and active, member and owner). */
  items: 20_000,
} as const;

/** Identifies an item: the same group is listed twice when the user is eligible as member and as owner. */
export const itemKey = (groupId: string, accessId: AccessId): string => `${groupId}:${accessId}`;

export interface ActiveWindow {
  /** "assigned": a permanent or admin-given assignment; "activated": from a PIM activation. */
  assignmentType: 'assigned' | 'activated';
  startMs: number;
  /** null = permanent. */
  endMs: number | null;
}

export interface PendingApproval {
  requestId: string;
  createdMs: number;
  /** The requested start; null = as soon as approved. */
  startMs: number | null;
  durationMinutes?: number;
  justification?: string;
}

export interface ScheduledActivation {
  requestId: string;
  startMs: number;
  endMs: number | null;
}

export interface GroupItem {
  key: string;
  groupId: string;
  /** The group's display name; the id when Graph returned no name. */
  groupName: string;
  accessId: AccessId;
  /** Eligible for activation (false for an assignment without eligibility, e.g. a permanent membership). */
  eligible: boolean;
  /** When the eligibility itself ends; null = permanent. */
  eligibleUntilMs: number | null;
  active?: ActiveWindow;
  pending?: PendingApproval;
  scheduled?: ScheduledActivation;
}

export interface PimSnapshot {
  /** MSAL home account id the data belongs to. */
  accountId: string;
  /** Graph's time when the data was read. */
  fetchedAtMs: number;
  items: GroupItem[];
}

/** What the background is doing for an item, kept in session storage so a reopened popup shows it. */
export interface Operation {
  key: string;
  kind: 'activate' | 'deactivate' | 'cancel';
  phase: 'running' | 'succeeded' | 'failed';
  startedAtMs: number;
  /** For `failed`: a sentence the user can act on; shown until dismissed. */
  message?: string;
  /** Machine-readable reason for `failed` (a Graph or auth code). */
  code?: string;
}

/** The refresh indicator: when the list was last read and whether a read is under way. */
export interface RefreshStatus {
  refreshing: boolean;
  /** Local time of the last successful refresh; 0 = never. */
  lastSuccessMs: number;
  /** A sentence when the last refresh failed (the list shown is then older). */
  error?: string;
  /** Items of the last successful read that could not be read and are not shown (pim.ts logs why). */
  unreadable?: number;
}

export interface ActivationRequest {
  groupId: string;
  accessId: AccessId;
  durationMinutes: number;
  justification: string;
  ticketNumber?: string;
  ticketSystem?: string;
  /** A custom start (Graph time); absent = now. */
  startMs?: number;
}

export type ActivationOutcome =
  | { status: 'active'; endMs: number | null }
  | { status: 'pendingApproval'; requestId: string }
  | { status: 'scheduled'; requestId: string; startMs: number; endMs: number | null }
  /** RoleAssignmentExists: it was active already, which counts as done. */
  | { status: 'alreadyActive' };
