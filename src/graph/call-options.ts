import type { MiddlewareOptions } from '@microsoft/microsoft-graph-client';

/** Per-call settings the middleware reads: which scopes the token needs and whether a sign-in window may open. */
export class GraphCallOptions implements MiddlewareOptions {
  constructor(
    readonly scopes: readonly string[],
    /** True only for a call the user started (an activation click); background refreshes never open windows. */
    readonly interactive: boolean,
    /** Claims to ask for up front (e.g. the group's authentication context), so the first attempt succeeds. */
    readonly claims?: string,
  ) {}
}
