// The service worker's entry: it only wires listeners. Every listener is registered synchronously
// at start, so an event that wakes a stopped worker (alarm, message, install) finds its handler.
import { onAlarm, startAlarmDispatch } from '../platform/alarms.ts';
import { browser } from '../platform/browser.ts';
import { listenForMessages } from '../platform/messages.ts';
import { migrate } from '../platform/migrations.ts';
import { exposeForInspection } from './debug.ts';
import { recordEvent } from './diagnostics.ts';
import { getStatus } from './status.ts';

startAlarmDispatch();
listenForMessages({ getStatus });
browser.runtime.onInstalled.addListener(() => void migrate());

// `diag:probe` alarms only leave a trace: support can schedule one to check that alarms wake the worker.
onAlarm('diag', (alarm) => recordEvent({ kind: 'alarm', name: alarm.name }));

exposeForInspection();
void recordEvent({ kind: 'worker-start' });
