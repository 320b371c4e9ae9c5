import type * as v from 'valibot';
import { browser, type Storage } from './browser.ts';
import { log } from './log.ts';
import { check } from './repair.ts';

export type AreaName = 'local' | 'session' | 'sync' | 'managed';

/** Keys are namespaced by what they hold; tokens never go in any of them (MSAL keeps its own cache). */
const KEY_PATTERN = /^(meta|settings|cache|presets|history|session|diag):[A-Za-z][A-Za-z0-9.-]*$/;
/** Managed keys are the policy names administrators type (managed-schema.json): plain camelCase. */
const MANAGED_KEY_PATTERN = /^[a-z][A-Za-z0-9]*$/;

export interface StorageItem<T> {
  readonly key: string;
  readonly area: AreaName;
  readonly fallback: T;
  /** The stored value, validated; the fallback when absent or invalid (the reason is logged). */
  get(): Promise<T>;
  /** The stored value as it is, for `parse` to validate later (follow-storage.ts's `ready`). */
  getRaw(): Promise<unknown>;
  /** Like `get`, and whether the stored value was damaged (invalid, or put right field by field). */
  read(): Promise<{ value: T; damaged: boolean }>;
  /**
   * Writes at once, or after the update of the key under way (see `update`); an item with a
   * `companion`, after every write of it asked for before.
   */
  set(value: T): Promise<void>;
  /**
   * Read-modify-write: `change` gets the stored value (validated, as `get` reads it) and returns the
   * next one, or changes it in place and returns it. Updates of one key run one after another in this
   * context, whichever module asks, so two writers never lose each other's change. Nothing is written
   * when the value comes back equal (a damaged value then stays for its reader to report). Resolves
   * with the value now stored; a failed update rejects for its caller only, the next one still runs.
   * `change` may update other keys, never its own (it would wait for itself).
   */
  update(change: (value: T) => T | Promise<T>): Promise<T>;
  /** Removes at once, or after the update of the key under way. */
  remove(): Promise<void>;
  /** Validates a raw stored value the same way `get` does. */
  parse(raw: unknown): T;
  /** Calls back with the new validated value whenever another context changes it. */
  watch(callback: (value: T) => void): () => void;
}

const declared = new Map<string, AreaName>();

// One queue of read-modify-writes per area and key for the whole context (not per module): every
// `update` of a key waits for the one before it. A key's entry goes once its queue is empty.
const updates = new Map<string, Promise<unknown>>();

function serialised<R>(id: string, task: () => Promise<R>): Promise<R> {
  const previous = updates.get(id) ?? Promise.resolve();
  const next = previous.then(task);
  const tail = next.then(
    () => undefined,
    () => undefined,
  );
  updates.set(id, tail);
  void tail.then(() => {
    if (updates.get(id) === tail) updates.delete(id);
  });
  return next;
}

/**
 * A blind write (set, remove) goes out at once when no update of its key is under way: the browser
 * applies one context's storage calls in the order they are made, so a later write still lands
 * later and an update asked for afterwards reads it. Waiting behind the previous write instead lost
 * the last keystrokes of a typed reason when the popup closed right after them. While an update
 * runs, a write waits for it, so the update cannot overwrite it.
 */
/**
 * Every value this context writes to an item, as soon as the browser has taken it (other contexts'
 * writes arrive through `storage.onChanged`, which need not have reported this context's own write
 * by then).
 */
const written = new Map<string, Set<(value: unknown) => void>>();

export function onWritten<T>(item: StorageItem<T>, listener: (value: T) => void): () => void {
  const id = `${item.area}:${item.key}`;
  const listeners = written.get(id) ?? new Set();
  written.set(id, listeners);
  listeners.add(listener as (value: unknown) => void);
  return () => listeners.delete(listener as (value: unknown) => void);
}

function afterUpdates<R>(id: string, task: () => Promise<R>): Promise<R> {
  const running = updates.get(id);
  return running ? running.then(task) : task();
}

/** A packed value's JSON; text that is not JSON is returned as is, for the schema to refuse. */
function unpack(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

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

/**
 * Declares a storage key once, with its area, schema and default. Use `repairable` and `listOf`
 * (repair.ts) inside object schemas so that one bad field or list entry is put right on its own,
 * with a logged reason, instead of losing the whole value.
 */
// Pure: a page that imports an items module keeps only the items it uses (and their schemas).
/* @__NO_SIDE_EFFECTS__ */
export function defineItem<S extends v.GenericSchema>(options: {
  key: string;
  area: AreaName;
  schema: S;
  fallback: v.InferOutput<S>;
  /**
   * Stored as one JSON string, for a large value read on a hot path: Chromium converts a stored
   * object to and from its own value tree node by node, and the 1,000-group list took 35–75 ms to
   * read that way against 7–16 ms as a string (issue 19's warm open). A value stored before as an
   * object still reads.
   */
  packed?: boolean;
  /**
   * A small item that says what this one holds (the list's revision, pim-items.ts), so a reader can
   * tell which value is stored without reading it. Written in the same `set` call (a reader never
   * sees one without the other) and removed with it; stored as `of` returns it, not packed.
   */
  companion?: { item: StorageItem<unknown>; of: (value: v.InferOutput<S>) => unknown };
}): StorageItem<v.InferOutput<S>> {
  const { key, area, schema, fallback, packed = false, companion } = options;
  if (!(area === 'managed' ? MANAGED_KEY_PATTERN : KEY_PATTERN).test(key)) {
    throw new Error(`storage key "${key}" does not follow the naming rule of the ${area} area`);
  }
  if (declared.has(key)) throw new Error(`storage key "${key}" is declared twice`);
  if (companion && companion.item.area !== area) throw new Error(`the companion of "${key}" must be in its area`);
  declared.set(key, area);

  // A copy of the default each time: callers may change what they read (add a policy, then store it),
  // and a shared default would then remember that change and report it as stored after a removal.
  const read = (stored: unknown): { value: v.InferOutput<S>; damaged: boolean } => {
    if (stored === undefined) return { value: structuredClone(fallback), damaged: false };
    const raw = packed && typeof stored === 'string' ? unpack(stored) : stored;
    const checked = check(schema, raw);
    if (!checked.ok) {
      log.warn('storage', `${key} holds an invalid value; using the default (${checked.reason})`);
      return { value: structuredClone(fallback), damaged: true };
    }
    for (const repair of checked.repairs) log.warn('storage', `${key} repaired: ${repair.path} ${repair.reason}`);
    return { value: checked.value, damaged: checked.repairs.length > 0 };
  };
  const parse = (raw: unknown): v.InferOutput<S> => read(raw).value;

  const id = `${area}:${key}`;
  const writable = () => {
    if (area === 'managed') throw new Error(`storage key "${key}" is managed by policy and read-only`);
  };
  const write = async (value: v.InferOutput<S>) => {
    writable();
    // What we write must read back unchanged: a value that needs repair here is a bug, not damage.
    const checked = check(schema, value);
    if (!checked.ok || checked.repairs.length > 0) {
      const reason = checked.ok ? checked.repairs.map((r) => `${r.path} ${r.reason}`).join('; ') : checked.reason;
      throw new Error(`refusing to write an invalid value to "${key}": ${reason}`);
    }
    const stored = { [key]: packed ? JSON.stringify(checked.value) : checked.value };
    if (companion) stored[companion.item.key] = await companion.of(checked.value);
    await storageArea(area).set(stored);
    for (const listener of written.get(id) ?? []) listener(checked.value);
  };

  const item: StorageItem<v.InferOutput<S>> = {
    key,
    area,
    fallback,
    parse,
    async get() {
      return parse(await item.getRaw());
    },
    async getRaw() {
      return (await readRaw(area, key))[key];
    },
    async read() {
      return read((await readRaw(area, key))[key]);
    },
    set(value) {
      // A companion is worked out before the write goes (asynchronously: a digest may finish after a
      // later one), so such writes queue like updates, and the last one asked for lands last.
      return companion ? serialised(id, () => write(value)) : afterUpdates(id, () => write(value));
    },
    update(change) {
      return serialised(id, async () => {
        const current = await item.get();
        // Compared as stored (JSON): `change` may have changed `current` in place.
        const before = JSON.stringify(current);
        const next = await change(current);
        if (JSON.stringify(next) !== before) await write(next);
        return next;
      });
    },
    remove() {
      return afterUpdates(id, async () => {
        writable();
        await storageArea(area).remove(companion ? [key, companion.item.key] : key);
        for (const listener of written.get(id) ?? []) listener(parse(undefined));
      });
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
  return item;
}

/** Every declared key and its area, for migrations and tests. */
export function declaredKeys(): ReadonlyMap<string, AreaName> {
  return declared;
}
