import { type Alarms, browser } from './browser.ts';
import { log } from './log.ts';

export type AlarmHandler = (alarm: Alarms.Alarm) => Promise<void> | void;

// Alarm names are "<feature>:<detail>"; a feature registers one handler for its prefix.
const handlers = new Map<string, AlarmHandler>();

function prefixOf(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(0, colon);
}

/** Registers the handler for every alarm named "<prefix>:…" (or exactly "<prefix>"). */
export function onAlarm(prefix: string, handler: AlarmHandler): void {
  if (handlers.has(prefix)) throw new Error(`alarm prefix "${prefix}" already has a handler`);
  handlers.set(prefix, handler);
}

async function dispatch(alarm: Alarms.Alarm): Promise<void> {
  const handler = handlers.get(prefixOf(alarm.name));
  if (!handler) {
    // An alarm left over from an older release: drop it so it never wakes the worker again.
    log.warn('alarms', `no handler for alarm ${alarm.name}; clearing it`);
    await browser.alarms.clear(alarm.name);
    return;
  }
  try {
    await handler(alarm);
  } catch (error) {
    log.error('alarms', `handler for ${alarm.name} failed`, error);
  }
}

/**
 * Must be called synchronously when the service worker starts, so an alarm that wakes a stopped
 * worker finds its listener. `observe` sees every delivered alarm first, whatever its handler.
 */
export function startAlarmDispatch(observe?: (alarm: Alarms.Alarm) => void): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    observe?.(alarm);
    void dispatch(alarm);
  });
}

/** Schedules (or reschedules) a one-shot alarm at an absolute time. */
export async function scheduleAlarm(name: string, when: number): Promise<void> {
  await browser.alarms.create(name, { when });
}

export async function cancelAlarm(name: string): Promise<boolean> {
  return browser.alarms.clear(name);
}

export async function listAlarms(): Promise<Alarms.Alarm[]> {
  return browser.alarms.getAll();
}
