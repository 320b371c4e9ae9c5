/**
 * The extension against the PIM emulator as the demo tenant ("Contoso Demo"), configured through
 * managed policy as an organisation would:
 *   npx tsx scripts/demo.ts [--scenario demo|surprises|hundreds|large|FILE] [--headless] [--out DIR] [--port N] [--no-build]
 * With a display it opens Chromium on the popup and the options page until Ctrl+C; headless (or
 * without a display) it signs in as the demo user, writes screenshots and exits.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { constants } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, type ExtensionSession, launchExtension } from '../test/e2e/harness.ts';
import { applyManagedPolicy } from '../test/e2e/policy.ts';
import { type Emulator, startEmulator } from '../test/emulator/server.ts';
import { control } from '../test/emulator/test-client.ts';
import { DEMO_USAGE, type DemoArgs, parseDemoArgs } from './demo-args.ts';
import { capture, captureApprover, policyArrived, signInHeadless } from './demo-capture.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HEADLESS_DEADLINE_S = 90;
const startedAt = performance.now();
const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = () => `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;

// What to close, newest first, whichever way the demo ends: done, failed, Ctrl+C, SIGTERM, window closed.
const cleanups: Array<() => Promise<unknown> | unknown> = [];
let stopping: Promise<void> | undefined;
let session: ExtensionSession | undefined;

function stop(code: number): Promise<never> {
  stopping ??= (async () => {
    // A browser that will not close must not keep the terminal hostage.
    setTimeout(() => process.exit(code || 1), 15_000).unref();
    for (let close = cleanups.pop(); close; close = cleanups.pop()) await Promise.resolve(close()).catch(() => {});
  })();
  return stopping.then(() => process.exit(code));
}

function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    cleanups.push(() => child.exitCode === null && child.kill());
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

/** Relative to where the user is when that is shorter and inside it, else absolute. */
function shortPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

async function startEmulatorOn(port: number, name: string): Promise<Emulator> {
  // Read first, so a broken scenario file is reported as that, not as a port problem.
  const { loadScenario } = await import('../test/emulator/scenarios/index.ts');
  const scenario = loadScenario(name);
  try {
    return await startEmulator({ port, scenario });
  } catch (error) {
    throw new Error(`the emulator could not listen on port ${port}: ${(error as Error).message}`);
  }
}

async function main(args: DemoArgs): Promise<void> {
  if (args.headlessReason === 'no display')
    say('demo: no DISPLAY, so running headless (screenshots instead of a window)');
  if (args.headless) {
    // Fail on an unusable --out before spending time on a build and a browser.
    await mkdir(args.out, { recursive: true });
    // Whatever hangs, a headless run (CI, a README check) ends with a message, not a stuck job.
    setTimeout(
      () => fail(new Error(`did not finish within ${HEADLESS_DEADLINE_S} s`)),
      HEADLESS_DEADLINE_S * 1000,
    ).unref();
  }
  if (args.build) {
    say('demo: building the extension (vite build)…');
    await build();
  } else if (!existsSync(join(DIST, 'manifest.json'))) {
    throw new Error(`${DIST} holds no build; run without --no-build, or "npm run build" first`);
  }
  const emu = await startEmulatorOn(args.port, args.scenario);
  cleanups.push(() => emu.close());
  const ext = await launchExtension({
    emulator: { port: emu.port, spki: emu.spki },
    headless: args.headless,
    handleSignals: false,
  });
  session = ext;
  cleanups.push(() => ext.close());
  // The organisation's side: tenant and app registration arrive as policy, the user types nothing.
  await applyManagedPolicy(ext, { tenant: emu.tenantId, clientId: emu.clientId });
  await (args.headless ? runHeadless(args, emu, ext) : runHeaded(emu, ext));
}

async function runHeaded(emu: Emulator, ext: ExtensionSession): Promise<void> {
  const popup = await ext.openPopup();
  const options = await ext.openOptions();
  // The persistent context starts with an empty tab; only the extension's pages should show.
  for (const page of ext.context.pages()) if (page.url() === 'about:blank') await page.close();
  await popup.bringToFront();
  // Closing the window ends the demo as Ctrl+C does.
  ext.context.on('close', () => {
    if (!stopping) say('demo: the Chromium window was closed; stopping the emulator');
    void stop(0);
  });
  // Ready means configured: until then the pages cannot offer sign-in.
  await policyArrived(options);
  const { tenant, users } = emu.state.scenario;
  say(`
PIM for Groups companion, against the PIM emulator as the "${tenant.displayName}" tenant (${seconds()})
  popup     ${ext.url('src/popup/index.html')}
  options   ${ext.url('src/options/index.html')}
  emulator  ${emu.url}  (in this Chromium, login.microsoftonline.com and graph.microsoft.com lead there)
  policy    tenant ${emu.tenantId}, client id ${emu.clientId}
  sign in as ${users[0]?.displayName ?? 'the first user'} on the emulator's sign-in page (no password).
Press Ctrl+C to stop Chromium and the emulator.`);
}

async function runHeadless(args: DemoArgs, emu: Emulator, ext: ExtensionSession): Promise<void> {
  const { tenant, users } = emu.state.scenario;
  const user = users[0];
  if (!user) throw new Error('the demo scenario has no users');
  const account = await signInHeadless(ext, emu, user.id);
  const files = await capture(ext, account, args.out);
  // The approver's view: the scenario's first approver, in a browser (profile) of their own, as a
  // colleague at another desk would be.
  const approverId = emu.state.scenario.policies.flatMap((p) => p.approvers ?? [])[0];
  if (approverId) {
    const second = await launchExtension({
      emulator: { port: emu.port, spki: emu.spki },
      headless: true,
      handleSignals: false,
    });
    cleanups.push(() => second.close());
    await applyManagedPolicy(second, { tenant: emu.tenantId, clientId: emu.clientId });
    files.push(await captureApprover(second, await signInHeadless(second, emu, approverId), args.out));
  }
  const log = await control<Array<{ area: string }>>(emu, 'log');
  const graphCalls = log.filter((entry) => entry.area === 'graph').length;
  for (const file of files) say(`  ${shortPath(file)}`);
  for (const error of ext.pageErrors) say(`  warning: the page logged an error: ${error}`);
  say(
    `demo: signed in as ${account.name} <${account.username}> to ${tenant.displayName} through the emulator ` +
      `(${log.length - graphCalls} sign-in and ${graphCalls} Graph requests); ${files.length} screenshots in ${seconds()}`,
  );
}

let args: DemoArgs;
try {
  args = parseDemoArgs(process.argv.slice(2), process.env, process.cwd());
} catch (error) {
  process.stderr.write(`demo: ${(error as Error).message}\n${DEMO_USAGE}\n`);
  process.exit(2);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(128 + constants.signals[signal]); // a second Ctrl+C: stop waiting for the browser
    say(`\ndemo: ${signal}, stopping Chromium and the emulator…`);
    // Ctrl+C is how a headed demo ends; a headless run that is interrupted did not finish.
    void stop(args.headless ? 128 + constants.signals[signal] : 0);
  });
}

function fail(error: unknown): void {
  if (stopping) return; // the failure is the shutdown already under way
  const full = error instanceof Error ? error.message : String(error);
  // Playwright's messages carry a banner and a call log after their first line; DEBUG=pw:browser shows them live.
  const fromPlaywright = full.includes('Call log:');
  const message = fromPlaywright ? `${full.split('\n')[0]} (DEBUG=pw:browser shows Chromium's log)` : full;
  const hint = /Missing X server|XServer/.test(full)
    ? `\nChromium found no usable display (DISPLAY=${process.env.DISPLAY ?? ''}); run with --headless to get screenshots instead.`
    : '';
  process.stderr.write(`demo: failed after ${seconds()}: ${message}${hint}\n`);
  for (const pageError of session?.pageErrors ?? []) process.stderr.write(`  page error: ${pageError}\n`);
  void stop(1);
}

main(args).then(() => {
  if (args.headless) void stop(0);
}, fail);
