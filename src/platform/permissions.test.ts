import { describe, expect, it } from 'vitest';
import { permissionPrompts } from '../test-support/fake-browser-setup.ts';
import { cloudOrigins, hasCloudAccess, requestCloudAccess } from './permissions.ts';

describe('national cloud host permissions', () => {
  it('has the global cloud from install, and asks nothing for it', async () => {
    expect(await hasCloudAccess('global')).toBe(true);
    expect(await requestCloudAccess('global')).toBe(true);
    expect(permissionPrompts).toEqual([]);
  });

  it('asks for a national cloud’s sign-in and Graph hosts, once granted it has them', async () => {
    expect(await hasCloudAccess('usgov')).toBe(false);
    expect(await requestCloudAccess('usgov')).toBe(true);
    expect(permissionPrompts).toEqual([['https://login.microsoftonline.us/*', 'https://graph.microsoft.us/*']]);
    expect(await hasCloudAccess('usgov')).toBe(true);
    expect(cloudOrigins('china')).toEqual([
      'https://login.chinacloudapi.cn/*',
      'https://microsoftgraph.chinacloudapi.cn/*',
    ]);
  });
});
