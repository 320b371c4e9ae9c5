import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Plugin, type PluginOption } from 'vite';

/** One part of the extension that gets its own Vite pass, and what it adds to the built manifest. */
export interface ContextBuild {
  /** The source entry: a script (the service worker) or an HTML page. */
  input: string;
  /** For a script entry: the file it is built into. */
  file?: string;
  /** Let `import()` make chunks beside `file` (an event page can load them; a service worker cannot). */
  split?: boolean;
  plugins?: PluginOption[];
  /** Manifest keys that point at the built files. */
  manifest: Record<string, unknown>;
}

/** Adds each build's manifest keys to the manifest crxjs wrote. */
function mergeManifest(manifest: Record<string, unknown>, builds: ContextBuild[]): Record<string, unknown> {
  return Object.assign({}, manifest, ...builds.map((b) => b.manifest));
}

/**
 * Builds the background, the options page and the auth host each on its own, after crxjs has built
 * the popup.
 *
 * Why not one build: in one build, a module that two contexts import lands in a shared chunk that
 * keeps every export either of them uses, so the popup loaded code only the worker, the options page
 * or the auth host runs (Graph schemas, the watcher, the presets manager…): ~2 kB gzip of its 24 kB
 * first-paint budget (scripts/bundle-size.ts), in three files instead of one. Chunks shared between contexts save
 * nothing in an extension: each context loads its own files from disk. And the worker, which cannot
 * `import()` lazily anyway, is one file instead of eleven to fetch and compile at each wake.
 */
export function contextBuilds(options: {
  target: string;
  /** Shared by every build: the same constants and transforms as the main build. */
  define?: Record<string, string>;
  plugins?: PluginOption[];
  builds: ContextBuild[];
}): Plugin {
  let outDir = 'dist';
  return {
    name: 'pim:context-builds',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    // writeBundle, not closeBundle: it runs only after a successful write, so a failed build shows its own error.
    async writeBundle() {
      for (const job of options.builds) {
        await build({
          configFile: false,
          logLevel: 'warn',
          publicDir: false,
          plugins: [...(options.plugins ?? []), ...(job.plugins ?? [])],
          define: options.define ?? {},
          build: {
            outDir,
            emptyOutDir: false,
            sourcemap: false,
            target: options.target,
            modulePreload: false,
            rollupOptions: {
              input: job.input,
              output: job.file ? { entryFileNames: job.file, codeSplitting: job.split ?? false } : {},
            },
          },
        });
      }
      const path = join(outDir, 'manifest.json');
      const manifest = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
      await writeFile(path, `${JSON.stringify(mergeManifest(manifest, options.builds), null, 2)}\n`);
    },
  };
}
