import { describe, expect, it } from 'vitest';
import manifest from '../manifest.json' with { type: 'json' };
import messages from '../public/_locales/en/messages.json' with { type: 'json' };

// The README's permissions table lists these, each with its reason; a new one must be added there too.
const DOCUMENTED_PERMISSIONS = ['alarms', 'identity', 'notifications', 'offscreen', 'storage'];
const HOSTS = ['https://graph.microsoft.com/*', 'https://login.microsoftonline.com/*'];
const NATIONAL_CLOUD_HOSTS = [
  'https://graph.microsoft.us/*',
  'https://login.chinacloudapi.cn/*',
  'https://login.microsoftonline.us/*',
  'https://microsoftgraph.chinacloudapi.cn/*',
];

describe('manifest', () => {
  it('asks only for the documented permissions, and host access to Microsoft sign-in and Graph only', () => {
    expect([...manifest.permissions].sort()).toEqual(DOCUMENTED_PERMISSIONS);
    expect([...manifest.host_permissions].sort()).toEqual(HOSTS);
    // National clouds are asked for only when the organisation selects one.
    expect([...manifest.optional_host_permissions].sort()).toEqual(NATIONAL_CLOUD_HOSTS);
    expect(manifest).not.toHaveProperty('content_scripts');
    expect(manifest).not.toHaveProperty('externally_connectable');
  });

  it('has a strict content security policy: own scripts only, no eval, Microsoft endpoints only', () => {
    const microsoft = [...HOSTS, ...NATIONAL_CLOUD_HOSTS].map((h) => h.replace('/*', '')).sort();
    const csp = manifest.content_security_policy.extension_pages;
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|\*/);
    // Connections only to the sign-in and Graph hosts of the clouds the extension supports.
    expect(directives['connect-src']?.[0]).toBe("'self'");
    expect(directives['connect-src']?.slice(1).sort()).toEqual(microsoft);
  });

  it('takes every user-facing manifest string from _locales', () => {
    const keys = JSON.stringify(manifest).match(/__MSG_(\w+)__/g) ?? [];
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(messages).toHaveProperty(key.slice(6, -2));
    expect(manifest.name).toMatch(/^__MSG_/);
    expect(manifest.default_locale).toBe('en');
  });

  it('opens the popup with Alt+Shift+G and answers to the address bar keyword "pim"', () => {
    // Alt+Shift+G is free in Chrome and Edge (README, "Keyboard and address bar"); users can change it.
    expect(manifest.commands).toEqual({ _execute_action: { suggested_key: { default: 'Alt+Shift+G' } } });
    expect(manifest.omnibox).toEqual({ keyword: 'pim' });
  });

  it('describes every message for translators', () => {
    for (const [key, entry] of Object.entries(messages)) {
      expect(entry.description, key).toBeTruthy();
      expect(entry.message, key).toBeTruthy();
    }
  });
});
