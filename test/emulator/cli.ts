/**
 * Runs the emulator until SIGINT/SIGTERM:
 *   tsx test/emulator/cli.ts [--port N] [--scenario demo|surprises|hundreds|large|FILE]
 * Prints exactly one JSON line when ready: {"url","port","spki","tenantId","clientId"}.
 */
import { startEmulator } from './server.ts';

function arg(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const port = Number(arg('port') ?? 0);
if (!Number.isInteger(port) || port < 0) {
  process.stderr.write(`invalid --port ${arg('port')}\n`);
  process.exit(2);
}

const emu = await startEmulator({ port, scenario: arg('scenario') ?? 'demo' });
process.stdout.write(
  `${JSON.stringify({ url: emu.url, port: emu.port, spki: emu.spki, tenantId: emu.tenantId, clientId: emu.clientId })}\n`,
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  emu.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
