import { useEffect, useRef, useState } from 'preact/hooks';
import {
  CLOUD_NAMES,
  type Cloud,
  type Connection,
  type ConnectionProblem,
  checkClientId,
  checkTenant,
} from '../core/connection.ts';
import { saveConnection } from '../platform/connection.ts';
import { type MessageKey, t } from '../platform/i18n.ts';
import { requestCloudAccess } from '../platform/permissions.ts';
import { Field } from '../ui/Field.tsx';
import { useConnection } from '../ui/useConnection.ts';

const PROBLEM_TEXT: Record<ConnectionProblem, MessageKey> = {
  tenantMissing: 'problemTenantMissing',
  tenantInvalid: 'problemTenantInvalid',
  clientIdMissing: 'problemClientIdMissing',
  clientIdInvalid: 'problemClientIdInvalid',
};

const CLOUD_TEXT: Record<Cloud, MessageKey> = { global: 'cloudGlobal', usgov: 'cloudUsgov', china: 'cloudChina' };

type Problems = Partial<Record<'tenant' | 'clientId', ConnectionProblem>>;

export function ConnectionForm() {
  const state = useConnection();
  const [draft, setDraft] = useState<Connection>();
  const [problems, setProblems] = useState<Problems>({});
  const [status, setStatus] = useState('');
  const tenantInput = useRef<HTMLInputElement>(null);
  const clientIdInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!state) return;
    // A policy change replaces locked fields at once; what the user is typing elsewhere stays.
    setDraft((current) => {
      const base = current ?? state.connection;
      return {
        tenant: state.locked.tenant ? state.connection.tenant : base.tenant,
        clientId: state.locked.clientId ? state.connection.clientId : base.clientId,
        cloud: state.locked.cloud ? state.connection.cloud : base.cloud,
      };
    });
  }, [state]);

  if (!state || !draft) return null;
  const { locked } = state;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    // First, while the click still counts as a user gesture: a national cloud's hosts need the user's consent.
    const access = requestCloudAccess(draft.cloud);
    const found: Problems = { tenant: checkTenant(draft.tenant), clientId: checkClientId(draft.clientId) };
    setProblems(found);
    if (found.tenant || found.clientId) {
      setStatus('');
      (found.tenant ? tenantInput : clientIdInput).current?.focus();
      return;
    }
    try {
      await access.catch(() => false);
      await saveConnection(draft);
      setStatus(t('savedStatus'));
    } catch (error) {
      setStatus(t('saveFailed', error instanceof Error ? error.message : String(error)));
    }
  };
  const edit = (patch: Partial<Connection>) => {
    setDraft((current) => current && { ...current, ...patch });
    setStatus('');
  };
  const problemText = (p: ConnectionProblem | undefined) => (p ? t(PROBLEM_TEXT[p]) : undefined);

  return (
    <section aria-labelledby="connection-heading">
      <h2 id="connection-heading">{t('connectionHeading')}</h2>
      <p class="section-intro">{t('connectionIntro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <Field
          id="tenant"
          label={t('tenantLabel')}
          hint={t('tenantHint')}
          error={problemText(problems.tenant)}
          locked={locked.tenant}
        >
          {(describedBy, invalid) => (
            <input
              id="tenant"
              ref={tenantInput}
              value={draft.tenant}
              readOnly={locked.tenant}
              autocomplete="off"
              spellcheck={false}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onInput={(e) => edit({ tenant: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field
          id="client-id"
          label={t('clientIdLabel')}
          hint={t('clientIdHint')}
          error={problemText(problems.clientId)}
          locked={locked.clientId}
        >
          {(describedBy, invalid) => (
            <input
              id="client-id"
              ref={clientIdInput}
              value={draft.clientId}
              readOnly={locked.clientId}
              autocomplete="off"
              spellcheck={false}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onInput={(e) => edit({ clientId: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field id="cloud" label={t('cloudLabel')} locked={locked.cloud}>
          {(describedBy) => (
            <select
              id="cloud"
              value={draft.cloud}
              disabled={locked.cloud}
              aria-describedby={describedBy}
              onChange={(e) => edit({ cloud: e.currentTarget.value as Cloud })}
            >
              {CLOUD_NAMES.map((cloud) => (
                <option key={cloud} value={cloud}>
                  {t(CLOUD_TEXT[cloud])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div class="form-actions">
          <button type="submit" disabled={locked.tenant && locked.clientId && locked.cloud}>
            {t('saveButton')}
          </button>
          <span role="status" class="form-status">
            {status}
          </span>
        </div>
      </form>
    </section>
  );
}
