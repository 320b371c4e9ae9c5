import { json, type Reply } from '../http.ts';
import { jwksDocument } from '../keys.ts';
import { type EmuState, tenantKnown } from '../state.ts';
import { tokenError } from './errors.ts';

export const AUTHORITY_HOST = 'https://login.microsoftonline.com';
const OPEN = { 'Access-Control-Allow-Origin': '*' };

function tenantNotFound(state: EmuState, tenant: string): Reply {
  return tokenError(
    state.clock.now(),
    'invalid_tenant',
    90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    OPEN,
  );
}

/** Tenant-specific documents use the tenant GUID throughout; common/organizations keep the alias and a {tenantid} issuer. */
function tenantSegment(state: EmuState, tenant: string): { path: string; issuerTenant: string } {
  const alias = tenant.toLowerCase() === 'common' || tenant.toLowerCase() === 'organizations';
  const id = state.scenario.tenant.id;
  return alias ? { path: tenant.toLowerCase(), issuerTenant: '{tenantid}' } : { path: id, issuerTenant: id };
}

export function openidConfiguration(state: EmuState, tenant: string): Reply {
  if (!tenantKnown(state, tenant)) return tenantNotFound(state, tenant);
  const { path, issuerTenant } = tenantSegment(state, tenant);
  const base = `${AUTHORITY_HOST}/${path}`;
  return json(
    200,
    {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${AUTHORITY_HOST}/${issuerTenant}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'cloud_instance_name',
        'cloud_instance_host_name',
        'cloud_graph_host_name',
        'msgraph_host',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'at_hash',
        'c_hash',
        'email',
      ],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    },
    OPEN,
  );
}

export function jwks(state: EmuState, tenant: string): Reply {
  if (!tenantKnown(state, tenant)) return tenantNotFound(state, tenant);
  const { issuerTenant } = tenantSegment(state, tenant);
  return json(200, jwksDocument(state.keys, `${AUTHORITY_HOST}/${issuerTenant}/v2.0`), OPEN);
}

/** Instance discovery (api-version 1.1), as MSAL asks it for unknown authorities. */
export function instanceDiscovery(state: EmuState, url: URL): Reply {
  const endpoint = url.searchParams.get('authorization_endpoint') ?? `${AUTHORITY_HOST}/common/oauth2/v2.0/authorize`;
  const tenant = /^https:\/\/[^/]+\/([^/]+)\//.exec(endpoint)?.[1] ?? 'common';
  if (!tenantKnown(state, tenant)) return tenantNotFound(state, tenant);
  return json(
    200,
    {
      tenant_discovery_endpoint: `${AUTHORITY_HOST}/${tenant}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [
        {
          preferred_network: 'login.microsoftonline.com',
          preferred_cache: 'login.windows.net',
          aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'],
        },
        {
          preferred_network: 'login.partner.microsoftonline.cn',
          preferred_cache: 'login.partner.microsoftonline.cn',
          aliases: ['login.partner.microsoftonline.cn', 'login.chinacloudapi.cn'],
        },
        {
          preferred_network: 'login.microsoftonline.us',
          preferred_cache: 'login.microsoftonline.us',
          aliases: ['login.microsoftonline.us', 'login.usgovcloudapi.net'],
        },
      ],
    },
    OPEN,
  );
}
