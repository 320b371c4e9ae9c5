import { useState } from 'preact/hooks';
import { type MessageKey, t } from '../platform/i18n.ts';
import {
  type ManagedNotifications,
  notificationSetting,
  type NotificationSettings as Settings,
} from '../platform/managed-settings.ts';
import { sendMessage } from '../platform/messages.ts';
import { Field } from '../ui/Field.tsx';
import { usePolicyOver } from '../ui/useStored.ts';

type Toggle = 'activated' | 'approval' | 'expiring' | 'ended' | 'staleAccess' | 'waitingOnYou';

const TOGGLES: Array<[Toggle, MessageKey]> = [
  ['activated', 'notifyOptActivated'],
  ['approval', 'notifyOptApproval'],
  ['waitingOnYou', 'notifyOptWaitingOnYou'],
  ['expiring', 'notifyOptExpiring'],
  ['ended', 'notifyOptEnded'],
  ['staleAccess', 'notifyOptStale'],
];

const validUrl = (url: string) => url === '' || /^https:\/\/[^\s]+$/i.test(url);

/**
 * Which notifications to show; every change is saved at once (the background follows it). What
 * the organisation's policy sets shows its value, disabled, with "Set by your organisation's policy".
 */
export function NotificationSettings() {
  const effective = usePolicyOver(notificationSetting);
  // What the user types, until they leave the field; the stored address until then.
  const [typed, setTyped] = useState<string>();
  const [urlError, setUrlError] = useState(false);

  if (!effective) return null;
  const { value: settings, locked } = effective;
  const appUrl = typed ?? settings.appUrl;
  const lockNote = (id: string) =>
    locked.has(id as keyof ManagedNotifications) ? (
      <p id={`notify-${id}-locked`} class="field__locked">
        {t('lockedByPolicy')}
      </p>
    ) : null;

  // Only the user's own values are stored; the policy's win when read. The background stores them:
  // it also writes this key (opt-outs), and one writer per key keeps both changes.
  const save = (patch: Partial<Settings>) => void sendMessage('saveNotificationSettings', patch);
  const saveUrl = () => {
    const url = appUrl.trim();
    setUrlError(!validUrl(url));
    if (validUrl(url)) save({ appUrl: url });
  };

  return (
    <section aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">{t('notificationsHeading')}</h2>
      {TOGGLES.map(([name, label]) => (
        <div class="check" key={name}>
          <input
            id={`notify-${name}`}
            type="checkbox"
            checked={settings[name]}
            disabled={locked.has(name)}
            aria-describedby={locked.has(name) ? `notify-${name}-locked` : undefined}
            onChange={(e) => save({ [name]: e.currentTarget.checked })}
          />
          <label for={`notify-${name}`}>{t(label)}</label>
          {lockNote(name)}
        </div>
      ))}
      <Field id="notify-lead" label={t('notifyOptLead')} locked={locked.has('expiringLeadMinutes')}>
        {(describedBy) => (
          <input
            id="notify-lead"
            type="number"
            min={1}
            max={120}
            value={settings.expiringLeadMinutes}
            disabled={!settings.expiring || locked.has('expiringLeadMinutes')}
            aria-describedby={describedBy}
            onChange={(e) => {
              const minutes = Math.round(Number(e.currentTarget.value));
              if (minutes >= 1 && minutes <= 120) save({ expiringLeadMinutes: minutes });
            }}
          />
        )}
      </Field>
      <Field
        id="notify-app-url"
        label={t('notifyOptAppUrl')}
        hint={t('notifyOptAppUrlHint')}
        error={urlError ? t('notifyOptAppUrlInvalid') : undefined}
        locked={locked.has('appUrl')}
      >
        {(describedBy, invalid) => (
          <input
            id="notify-app-url"
            type="url"
            value={locked.has('appUrl') ? settings.appUrl : appUrl}
            disabled={!settings.staleAccess || locked.has('appUrl')}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onInput={(e) => setTyped(e.currentTarget.value)}
            onBlur={saveUrl}
          />
        )}
      </Field>
      {/* A per-group opt-out never overrides the organisation's setting: say so instead of offering it. */}
      {locked.has('staleAccess') && settings.staleAccess ? (
        <p id="notify-optout-locked" class="field__locked">
          {t('notifyOptOptOutLocked')}
        </p>
      ) : (
        settings.staleAccessOptOut.length > 0 && (
          <p>
            {t('notifyOptOptedOut', String(settings.staleAccessOptOut.length))}{' '}
            <button type="button" class="secondary" onClick={() => save({ staleAccessOptOut: [] })}>
              {t('notifyOptResetOptOut')}
            </button>
          </p>
        )
      )}
    </section>
  );
}
