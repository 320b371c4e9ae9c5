import { type ChildProcess, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { connect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { emuFetch } from './test-client.ts';
import { spkiOf } from './tls.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

function peerPem(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(
      { host: '127.0.0.1', port, servername: 'login.microsoftonline.com', rejectUnauthorized: false },
      () => {
        resolve(new X509Certificate(s.getPeerCertificate().raw).toString());
        s.end();
      },
    );
    s.on('error', reject);
  });
}

describe('cli', () => {
  it('prints one JSON line when ready, serves, and exits 0 on SIGTERM', async () => {
    const proc = spawn(TSX, ['test/emulator/cli.ts', '--port', '0', '--scenario', 'demo'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let stderr = '';
    let stdout = '';
    proc.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    proc.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
    const [first] = (await once(lines, 'line')) as [string];
    const info = JSON.parse(first) as Record<string, unknown>;
    expect(Object.keys(info)).toEqual(['url', 'port', 'spki', 'tenantId', 'clientId']);
    const port = info.port as number;
    expect(info.url).toBe(`https://127.0.0.1:${port}`);
    const pem = await peerPem(port);
    expect(spkiOf(pem)).toBe(info.spki);
    const health = await emuFetch({ port, certPem: pem }, '/_emulator/health');
    expect(health.json()).toMatchObject({ ok: true, scenario: expect.any(String) });
    const exited = once(proc, 'exit');
    proc.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code, stderr).toBe(0);
    expect(stdout).toBe(`${first}\n`);
  });
});
