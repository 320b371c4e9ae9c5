// The popup's first paint stays small: its own code never imports the share-code codec, its
// compression, or the presets barrel / readAllPresets that bring them (the options page does).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN = [/core\/presets\/(index|codec|compression|base64url)\.ts'/, /platform\/presets\.ts'/];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !path.includes('/test/') ? [path] : [];
  });
}

describe('popup bundle boundary', () => {
  it('imports no codec, compression or presets barrel', () => {
    const offenders = sources('src/popup').flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => /^\s*(import|export)\b/.test(line) && FORBIDDEN.some((re) => re.test(line)))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
