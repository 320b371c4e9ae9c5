import { existsSync } from 'node:fs';

/** Debian's Chromium, or the one CHROMIUM_PATH names; a clear sentence when neither exists. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `Chromium not found (looked at ${candidates.join(', ')}). Install it with "sudo apt-get install -y chromium", or set CHROMIUM_PATH to a Chromium or Edge executable.`,
    );
  }
  return found;
}
