// scripts/register-app.sh against a fake `az` first on PATH: the fake records every call and
// answers with canned output, so the test sees exactly what the script would run in a tenant.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_SCOPES } from '../src/auth/scopes.ts';

const SCRIPT = resolve(import.meta.dirname, 'register-app.sh');
const DEV_ID = 'abjnondncbmdnoijkglepmcgffnjfoek';
const REDIRECT = `https://${DEV_ID}.chromiumapp.org/`;
const TENANT = '11111111-2222-3333-4444-555555555555';
const APP_ID = 'aaaaaaaa-0000-0000-0000-000000000001';
const APP_OBJECT_ID = 'aaaaaaaa-0000-0000-0000-000000000002';
const SP_ID = 'aaaaaaaa-0000-0000-0000-000000000003';
const GRAPH_SP_ID = 'aaaaaaaa-0000-0000-0000-000000000004';
const GRANT_ID = 'grant-id-1';

/** Delegated permission ids as the Microsoft Graph permissions reference lists them. */
const SCOPE_IDS: Record<string, string> = {
  'User.Read': 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
  'PrivilegedEligibilitySchedule.Read.AzureADGroup': '8f44f93d-ecef-46ae-a9bf-338508d44d6b',
  'PrivilegedAssignmentSchedule.Read.AzureADGroup': '02a32cc4-7ab5-4b58-879a-0586e0f7c495',
  'RoleManagementPolicy.Read.AzureADGroup': '7e26fdff-9cb1-4e56-bede-211fe0e420e8',
  'PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup': '06dbc45d-6708-4ef0-a797-f797ee68bf4b',
};

// What Graph's service principal publishes: our five plus others, in another order.
const PUBLISHED_SCOPES = [['Mail.Read', '570282fd-fa5c-430d-a7fd-fc8dc98a9dca'], ...Object.entries(SCOPE_IDS).reverse()]
  .map(([name, id]) => `${name}\\t${id}`)
  .join('\\n');

// A bash `az`: one log line per call (arguments joined by \x1f), canned answers by scenario
// ("new": nothing exists yet; "existing": app, service principal and a partial grant exist).
const FAKE_AZ = `#!/usr/bin/env bash
(IFS=$'\\x1f'; printf '%s\\n' "$*") >> "$AZ_STUB_LOG"
existing() { [[ "$AZ_STUB_SCENARIO" == existing ]]; }
case "$*" in
  'account show --query tenantId -o tsv') echo ${TENANT} ;;
  'cloud show --query name -o tsv') echo AzureCloud ;;
  'cloud show --query endpoints.microsoftGraphResourceId -o tsv') echo https://graph.microsoft.com/ ;;
  'ad sp show --id 00000003-0000-0000-c000-000000000000 --query oauth2PermissionScopes[].[value,id] -o tsv')
    printf '${PUBLISHED_SCOPES}\\n' ;;
  'ad sp show --id 00000003-0000-0000-c000-000000000000 --query id -o tsv') echo ${GRAPH_SP_ID} ;;
  'ad app list '*) if existing; then printf '${APP_ID}\\t${APP_OBJECT_ID}\\n'; fi ;;
  'ad app show --id ${APP_ID} --query spa.redirectUris -o tsv') echo https://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.chromiumapp.org/ ;;
  'ad app show --id ${APP_ID} --query [web.redirectUris, publicClient.redirectUris][] -o tsv') ;;
  'ad app show --id ${APP_ID} --query '*implicitGrantSettings*) printf 'False\\tFalse\\n' ;;
  'ad app create '*) printf '${APP_ID}\\t${APP_OBJECT_ID}\\n' ;;
  'ad sp list '*) if existing; then echo ${SP_ID}; fi ;;
  'ad sp create '*) echo ${SP_ID} ;;
  'rest --method GET '*) if existing; then printf '${GRANT_ID}\\tUser.Read openid\\n'; fi ;;
  'rest --method PATCH '* | 'rest --method POST '*) ;;
  *) echo "fake az: unexpected call: $*" >&2; exit 2 ;;
esac
`;

let dir: string;
let log: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'register-app-'));
  log = join(dir, 'calls.log');
  writeFileSync(join(dir, 'az'), FAKE_AZ);
  chmodSync(join(dir, 'az'), 0o755);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], scenario: 'new' | 'existing' = 'new') {
  const result = spawnSync('bash', [SCRIPT, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${dir}${delimiter}${process.env.PATH ?? ''}`,
      AZ_STUB_LOG: log,
      AZ_STUB_SCENARIO: scenario,
    },
  });
  let calls: string[][] = [];
  try {
    calls = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\x1f'));
  } catch {
    // no call was made
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls };
}

const joined = (calls: string[][]) => calls.map((c) => c.join(' '));
const isWrite = (call: string[]) =>
  (call[0] === 'ad' && ['create', 'update', 'delete'].includes(call[2] ?? '')) ||
  (call[0] === 'rest' && call[1] === '--method' && call[2] !== 'GET');
/** The --body argument of a recorded `az rest` call, parsed. */
const bodyOf = (call: string[] | undefined): Record<string, unknown> =>
  JSON.parse(call?.[call.indexOf('--body') + 1] ?? 'null') as Record<string, unknown>;

describe('scripts/register-app.sh', () => {
  it('passes bash -n', () => {
    expect(spawnSync('bash', ['-n', SCRIPT]).status).toBe(0);
  });

  it('requests exactly the scopes of src/auth/scopes.ts, in the same order', () => {
    const { status, stdout } = run(['--print-scopes']);
    expect(status).toBe(0);
    expect(stdout.trim().split('\n')).toEqual(ALL_SCOPES);
    expect(Object.keys(SCOPE_IDS)).toEqual(ALL_SCOPES);
  });

  describe('dry run (default)', () => {
    it('prints the whole plan and changes nothing', () => {
      const { status, stdout, stderr, calls } = run(['--extension-id', DEV_ID]);
      expect(status, stderr).toBe(0);

      // Only look-ups reached az.
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.filter(isWrite)).toEqual([]);

      // Single tenant, SPA redirect URI, the five permissions by id, admin consent by name.
      expect(stdout).toContain('az ad app create --display-name');
      expect(stdout).toContain('--sign-in-audience AzureADMyOrg');
      expect(stdout).toContain(`"spa":{"redirectUris":["${REDIRECT}"]}`);
      expect(stdout).toContain('"resourceAppId":"00000003-0000-0000-c000-000000000000"');
      for (const id of Object.values(SCOPE_IDS)) expect(stdout).toContain(`{"id":"${id}","type":"Scope"}`);
      expect(stdout).toContain('oauth2PermissionGrants');
      expect(stdout).toContain(`"consentType":"AllPrincipals","resourceId":"${GRAPH_SP_ID}"`);
      expect(stdout).toContain(`"scope":"${ALL_SCOPES.join(' ')}"`);
      expect(stdout).toContain('az ad sp create');
      // Every change is marked as not executed.
      for (const line of stdout
        .split('\n')
        .filter((l) => /\$ az (ad \S+ (create|update)|rest --method (PATCH|POST))/.test(l))) {
        expect(line).toContain('[dry run, not executed]');
      }
      expect(stdout).toContain('Dry run: nothing was created or changed');
      expect(stdout).toContain(`Tenant:                  ${TENANT}`);
    });

    it('checks the permission ids against the tenant and reuses nothing it did not find', () => {
      const { calls } = run([]);
      expect(joined(calls)).toContain(
        'ad sp show --id 00000003-0000-0000-c000-000000000000 --query oauth2PermissionScopes[].[value,id] -o tsv',
      );
      expect(joined(calls)).toContain(
        `ad app list --filter displayName eq 'PIM for Groups companion' --query [].[appId,id] -o tsv`,
      );
    });

    it('adds a Firefox redirect URL and several extension ids', () => {
      const firefox = `https://${'0123456789abcdef'.repeat(2)}01234567.extensions.allizom.org/`;
      const store = 'a'.repeat(32);
      const { status, stdout } = run([
        '--extension-id',
        DEV_ID,
        '--extension-id',
        store,
        '--firefox-redirect',
        firefox,
      ]);
      expect(status).toBe(0);
      expect(stdout).toContain(`"redirectUris":["${REDIRECT}","https://${store}.chromiumapp.org/","${firefox}"]`);
    });

    it('refuses a malformed extension id or redirect URL before calling az', () => {
      const bad = run(['--extension-id', 'not-an-id']);
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toContain('not a Chromium extension id');
      const noSlash = run(['--firefox-redirect', 'https://abc.extensions.allizom.org']);
      expect(noSlash.status).not.toBe(0);
      expect(bad.calls).toEqual([]);
      expect(noSlash.calls).toEqual([]);
    });
  });

  describe('--apply', () => {
    it('creates the app, sets SPA URIs and permissions, creates the service principal, then grants consent', () => {
      const { status, stdout, stderr, calls } = run(['--extension-id', DEV_ID, '--apply']);
      expect(status, stderr).toBe(0);
      const lines = joined(calls);
      const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));

      const create = at('ad app create --display-name PIM for Groups companion --sign-in-audience AzureADMyOrg');
      const patch = at(`rest --method PATCH --url https://graph.microsoft.com/v1.0/applications/${APP_OBJECT_ID}`);
      const sp = at(`ad sp create --id ${APP_ID}`);
      const grant = at('rest --method POST --url https://graph.microsoft.com/v1.0/oauth2PermissionGrants');
      expect(create).toBeGreaterThanOrEqual(0);
      expect(patch).toBeGreaterThan(create);
      expect(sp).toBeGreaterThan(patch);
      expect(grant).toBeGreaterThan(sp);

      expect(bodyOf(calls[patch])).toEqual({
        signInAudience: 'AzureADMyOrg',
        spa: { redirectUris: [REDIRECT] },
        requiredResourceAccess: [
          {
            resourceAppId: '00000003-0000-0000-c000-000000000000',
            resourceAccess: ALL_SCOPES.map((name) => ({ id: SCOPE_IDS[name], type: 'Scope' })),
          },
        ],
      });
      expect(bodyOf(calls[grant])).toEqual({
        clientId: SP_ID,
        consentType: 'AllPrincipals',
        resourceId: GRAPH_SP_ID,
        scope: ALL_SCOPES.join(' '),
      });
      expect(stdout).toContain(`Application (client) ID: ${APP_ID}`);
      expect(stdout).toContain(`{"tenant": "${TENANT}", "clientId": "${APP_ID}", "cloud": "global"}`);
    });

    it('is idempotent: reuses the app and service principal, keeps other redirect URIs, completes the grant', () => {
      const { status, stderr, calls } = run(['--apply'], 'existing');
      expect(status, stderr).toBe(0);
      const lines = joined(calls);
      expect(lines.some((l) => l.startsWith('ad app create'))).toBe(false);
      expect(lines.some((l) => l.startsWith('ad sp create'))).toBe(false);
      expect(lines.some((l) => l.startsWith('ad app update'))).toBe(false);
      expect(lines.some((l) => l.startsWith('rest --method POST'))).toBe(false);

      const patchApp = calls.find((c) =>
        c.join(' ').startsWith('rest --method PATCH --url https://graph.microsoft.com/v1.0/applications/'),
      );
      expect(bodyOf(patchApp).spa).toEqual({
        redirectUris: ['https://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.chromiumapp.org/', REDIRECT],
      });
      const patchGrant = calls.find((c) =>
        c
          .join(' ')
          .startsWith(`rest --method PATCH --url https://graph.microsoft.com/v1.0/oauth2PermissionGrants/${GRANT_ID}`),
      );
      expect(bodyOf(patchGrant)).toEqual({ scope: ['User.Read', 'openid', ...ALL_SCOPES.slice(1)].join(' ') });
    });
  });
});
