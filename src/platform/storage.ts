import * as v from 'valibot';
import { browser, type Storage } from './browser.ts';
import { log } from './log.ts';

export type AreaName = 'local' | 'session' | 'sync' | 'managed';

/** Keys are namespaced by what they hold; tokens never go in any of them (MSAL keeps its own cache). */
const KEY_PATTERN = /^(meta|settings|cache|presets|session|diag):[A-Za-z][A-Za-z0-9.-]*$/;
/** Managed keys are the policy names administrators type (managed-schema.json): plain camelCase. */
const MANAGED_KEY_PATTERN = /^[a-z][A-Za-z0-9]*$/;

export interface StorageItem<T> {
  readonly key: string;
  readonly area: AreaName;
  readonly fallback: T;
  /** The stored value, validated; the fallback when absent or invalid (the reason is logged). */
  get(): Promise<T>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
  /** Validates a raw stored value the same way `get` does. */
  parse(raw: unknown): T;
  /** Calls back with the new validated value whenever another context changes it. */
  watch(callback: (value: T) => void): () => void;
}

const declared = new Map<string, AreaName>();

async function readRaw(area: AreaName, key: string): Promise<Record<string, unknown>> {
  try {
    return await storageArea(area).get(key);
  } catch (error) {
    // Firefox rejects managed reads when no policy is installed; that simply means "not managed".
    if (area !== 'managed') throw error;
    log.info('storage', `no managed policy (${key})`, error);
    return {};
  }
}

export function storageArea(area: AreaName): Storage.StorageArea {
  return browser.storage[area];
}

function summarise(issues: v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Declares a storage key once, with its area, schema and default. Use `v.fallback` inside
 * object schemas so that one bad field falls back on its own instead of losing the whole value.
 */
export function defineItem<S extends v.GenericSchema>(options: {
  key: string;
  area: AreaName;
  schema: S;
  fallback: v.InferOutput<S>;
}): StorageItem<v.InferOutput<S>> {
  const { key, area, schema, fallback } = options;
  if (!(area === 'managed' ? MANAGED_KEY_PATTERN : KEY_PATTERN).test(key)) {
    throw new Error(`storage key "${key}" does not follow the naming rule of the ${area} area`);
  }
  if (declared.has(key)) throw new Error(`storage key "${key}" is declared twice`);
  declared.set(key, area);

  // A copy each time: callers may change what they read (add a policy, then store it), and a
  // shared default would then remember that change and report it as stored after a removal.
  const parse = (raw: unknown): v.InferOutput<S> => {
    if (raw === undefined) return structuredClone(fallback);
    const result = v.safeParse(schema, raw);
    if (result.success) return result.output;
    log.warn('storage', `${key} holds an invalid value; using the default (${summarise(result.issues)})`);
    return structuredClone(fallback);
  };

  return {
    key,
    area,
    fallback,
    parse,
    async get() {
      return parse((await readRaw(area, key))[key]);
    },
    async set(value) {
      if (area === 'managed') throw new Error(`storage key "${key}" is managed by policy and read-only`);
      await storageArea(area).set({ [key]: v.parse(schema, value) });
    },
    async remove() {
      if (area === 'managed') throw new Error(`storage key "${key}" is managed by policy and read-only`);
      await storageArea(area).remove(key);
    },
    watch(callback) {
      const listener = (changes: Record<string, Storage.StorageChange>, changedArea: string) => {
        const change = changes[key];
        if (changedArea === area && change) callback(parse(change.newValue));
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}

/** Every declared key and its area, for migrations and tests. */
export function declaredKeys(): ReadonlyMap<string, AreaName> {
  return declared;
}
