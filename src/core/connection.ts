// Which tenant and app registration the extension signs in with, and which national cloud.
// Pure: validation and endpoint lookup, so the options page, the background and the tests agree.

export const CLOUDS = {
  global: { authorityHost: 'https://login.microsoftonline.com', graphHost: 'https://graph.microsoft.com' },
  usgov: { authorityHost: 'https://login.microsoftonline.us', graphHost: 'https://graph.microsoft.us' },
  china: { authorityHost: 'https://login.chinacloudapi.cn', graphHost: 'https://microsoftgraph.chinacloudapi.cn' },
} as const;

export type Cloud = keyof typeof CLOUDS;
export const CLOUD_NAMES = Object.keys(CLOUDS) as Cloud[];

export interface Connection {
  /** Tenant id (GUID), a verified domain, or "organizations" (any work account; the tenant is learnt at sign-in). */
  tenant: string;
  /** Application (client) id of the organisation's app registration. */
  clientId: string;
  cloud: Cloud;
}

export const EMPTY_CONNECTION: Connection = { tenant: '', clientId: '', cloud: 'global' };

export type ConnectionProblem = 'tenantMissing' | 'tenantInvalid' | 'clientIdMissing' | 'clientIdInvalid';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export const isGuid = (value: string): boolean => GUID.test(value);

/** Personal Microsoft accounts have no PIM, so "common" and "consumers" are refused. */
export function checkTenant(tenant: string): ConnectionProblem | undefined {
  const value = tenant.trim();
  if (!value) return 'tenantMissing';
  if (value.toLowerCase() === 'organizations' || isGuid(value) || DOMAIN.test(value)) return undefined;
  return 'tenantInvalid';
}

export function checkClientId(clientId: string): ConnectionProblem | undefined {
  const value = clientId.trim();
  if (!value) return 'clientIdMissing';
  return isGuid(value) ? undefined : 'clientIdInvalid';
}

export function connectionProblems(connection: Connection): ConnectionProblem[] {
  return [checkTenant(connection.tenant), checkClientId(connection.clientId)].filter(
    (p): p is ConnectionProblem => p !== undefined,
  );
}

export const isConfigured = (connection: Connection): boolean => connectionProblems(connection).length === 0;

/** Trims and lower-cases what Entra treats case-insensitively, so equal settings compare equal. */
export function normaliseConnection(connection: Connection): Connection {
  return {
    tenant: connection.tenant.trim().toLowerCase(),
    clientId: connection.clientId.trim().toLowerCase(),
    cloud: connection.cloud,
  };
}

export function authorityUrl(connection: Connection): string {
  return `${CLOUDS[connection.cloud].authorityHost}/${connection.tenant}`;
}
