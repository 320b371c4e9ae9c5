/** What the extension knows about a signed-in account: names for the UI, never a credential. */
export interface AccountSummary {
  /** MSAL's home account id ("<oid>.<tid>" of the user's home tenant). */
  id: string;
  username: string;
  name: string;
  /** The tenant signed in to (the resource tenant, also for a B2B guest). */
  tenantId: string;
  /**
   * The user's object id in that tenant (MSAL's localAccountId, the token's `oid`): what PIM wants
   * as `principalId`. For a guest it differs from the home object id in `id`.
   */
  objectId?: string;
  /** Entra's session for this account has ended: nothing is tried in the background until the user signs in. */
  signInNeeded?: boolean;
  /**
   * The id token's `login_hint` optional claim (only when the app registration adds it): the one
   * value Entra's logout accepts as `logout_hint`. An opaque hint, not a credential.
   */
  loginHint?: string;
}
