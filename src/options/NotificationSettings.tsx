import { useEffect, useState } from 'preact/hooks';
import { type MessageKey, t } from '../platform/i18n.ts';
import { notificationSettingsItem } from '../platform/pim-items.ts';
import { Field } from '../ui/Field.tsx';

type Settings = Awaited<ReturnType<typeof notificationSettingsItem.get>>;
type Toggle = 'activated' | 'approval' | 'expiring' | 'ended' | 'staleAccess';

const TOGGLES: Array<[Toggle, MessageKey]> = [
  ['activated', 'notifyOptActivated'],
  ['approval', 'notifyOptApproval'],
  ['expiring', 'notifyOptExpiring'],
  ['ended', 'notifyOptEnded'],
  ['staleAccess', 'notifyOptStale'],
];

const validUrl = (url: string) => url === '' || /^https:\/\/[^\s]+$/i.test(url);

/** Which notifications to show; every change is saved at once (the background follows it). */
export function NotificationSettings() {
  const [settings, setSettings] = useState<Settings>();
  const [appUrl, setAppUrl] = useState('');
  const [urlError, setUrlError] = useState(false);

  useEffect(() => {
    void notificationSettingsItem.get().then((s) => {
      setSettings(s);
      setAppUrl(s.appUrl);
    });
    return notificationSettingsItem.watch(setSettings);
  }, []);
  if (!settings) return null;

  const save = (patch: Partial<Settings>) => void notificationSettingsItem.set({ ...settings, ...patch });
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
            onChange={(e) => save({ [name]: e.currentTarget.checked })}
          />
          <label for={`notify-${name}`}>{t(label)}</label>
        </div>
      ))}
      <Field id="notify-lead" label={t('notifyOptLead')}>
        {(describedBy) => (
          <input
            id="notify-lead"
            type="number"
            min={1}
            max={120}
            value={settings.expiringLeadMinutes}
            disabled={!settings.expiring}
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
      >
        {(describedBy, invalid) => (
          <input
            id="notify-app-url"
            type="url"
            value={appUrl}
            disabled={!settings.staleAccess}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onInput={(e) => setAppUrl(e.currentTarget.value)}
            onBlur={saveUrl}
          />
        )}
      </Field>
      {settings.staleAccessOptOut.length > 0 && (
        <p>
          {t('notifyOptOptedOut', String(settings.staleAccessOptOut.length))}{' '}
          <button type="button" class="secondary" onClick={() => save({ staleAccessOptOut: [] })}>
            {t('notifyOptResetOptOut')}
          </button>
        </p>
      )}
    </section>
  );
}
