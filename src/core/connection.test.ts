import { describe, expect, it } from 'vitest';
import {
  authorityUrl,
  checkClientId,
  checkTenant,
  connectionProblems,
  isConfigured,
  normaliseConnection,
} from './connection.ts';

const guid = '7f3c2a10-4b6e-4d8a-9c1f-2e5d8b9a0c11';

describe('connection settings', () => {
  it.each([
    [guid, undefined],
    ['contoso.onmicrosoft.com', undefined],
    ['Contoso.COM', undefined],
    ['organizations', undefined],
    ['', 'tenantMissing'],
    ['   ', 'tenantMissing'],
    ['common', 'tenantInvalid'],
    ['consumers', 'tenantInvalid'],
    ['https://login.microsoftonline.com/contoso.com', 'tenantInvalid'],
    ['contoso', 'tenantInvalid'],
    ['<script>.com', 'tenantInvalid'],
  ])('tenant %j → %s', (tenant, problem) => {
    expect(checkTenant(tenant)).toBe(problem);
  });

  it.each([
    [guid, undefined],
    [` ${guid.toUpperCase()} `, undefined],
    ['', 'clientIdMissing'],
    ['3b8e6f2a91c44a57b0d26c1e9f4a7d35', 'clientIdInvalid'],
    ['not-a-guid', 'clientIdInvalid'],
  ])('client id %j → %s', (clientId, problem) => {
    expect(checkClientId(clientId)).toBe(problem);
  });

  it('lists every problem and is configured only without any', () => {
    expect(connectionProblems({ tenant: '', clientId: 'x', cloud: 'global' })).toEqual([
      'tenantMissing',
      'clientIdInvalid',
    ]);
    expect(isConfigured({ tenant: 'contoso.com', clientId: guid, cloud: 'global' })).toBe(true);
  });

  it('normalises case and spaces, and builds the authority for each cloud', () => {
    const c = normaliseConnection({ tenant: ' Contoso.com ', clientId: guid.toUpperCase(), cloud: 'usgov' });
    expect(c).toEqual({ tenant: 'contoso.com', clientId: guid, cloud: 'usgov' });
    expect(authorityUrl(c)).toBe('https://login.microsoftonline.us/contoso.com');
    expect(authorityUrl({ ...c, cloud: 'china' })).toBe('https://login.chinacloudapi.cn/contoso.com');
  });
});
