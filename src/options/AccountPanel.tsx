import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../platform/i18n.ts';
import { type MessageMap, sendMessage } from '../platform/messages.ts';
import { requestCloudAccess } from '../platform/permissions.ts';
import { useAuthState } from '../ui/useAuthState.ts';
import { useConnection } from '../ui/useConnection.ts';

type AccountAction = 'signIn' | 'signOut' | 'switchAccount';

/** Who is signed in, and the controls to sign in, add, switch and sign out accounts. */
export function AccountPanel() {
  const { state, reload } = useAuthState();
  const connection = useConnection();
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const [status, setStatus] = useState('');
  const section = useRef<HTMLElement>(null);
  // While an action runs the buttons are aria-disabled, not disabled: a disabled button drops the
  // keyboard focus to the page. Signing in or out then swaps the buttons, which removes the focused
  // one: focus that fell to the page goes to the section's first button, before the browser paints,
  // from the moment the action starts (the new accounts can arrive through storage before the
  // action's answer) until the background's new state has been rendered after that answer.
  const refocus = useRef<{ before: typeof state } | null>(null);
  useLayoutEffect(() => {
    const pending = refocus.current;
    if (!pending) return;
    if (document.activeElement === document.body) section.current?.querySelector('button')?.focus();
    if (!busy && state !== pending.before) refocus.current = null;
  });

  const run = async <K extends AccountAction>(type: K, request: MessageMap[K]['request']) => {
    // A ref, not `busy`: a second click can come before the re-render that marks the buttons.
    if (running.current) return;
    running.current = true;
    refocus.current = { before: state };
    // Straight from the click: a national cloud's hosts need the user's consent before sign-in.
    if (type === 'signIn' && connection) await requestCloudAccess(connection.connection.cloud).catch(() => false);
    setBusy(true);
    setStatus(type === 'signIn' ? t('accountSigningIn') : '');
    const result = await sendMessage(type, request);
    running.current = false;
    setBusy(false);
    setStatus(result.ok ? '' : result.error.message);
    refocus.current = { before: state };
    reload();
  };

  if (!state) return null;
  const auth = state.ok ? state.value : undefined;
  const others = auth?.accounts.filter((a) => a.id !== auth.active?.id) ?? [];
  return (
    <section ref={section} aria-labelledby="account-heading" aria-busy={busy}>
      <h2 id="account-heading">{t('accountHeading')}</h2>
      {!auth?.configured ? (
        <p>{t('accountNeedsSetup')}</p>
      ) : (
        <>
          <p>
            {auth.active ? t('accountSignedInAs', auth.active.name, auth.active.username) : t('accountNotSignedIn')}
          </p>
          <div class="form-actions">
            {!auth.active && (
              <button type="button" aria-disabled={busy} onClick={() => run('signIn', {})}>
                {t('accountSignIn')}
              </button>
            )}
            {auth.active && (
              <>
                <button type="button" aria-disabled={busy} onClick={() => run('signIn', { prompt: 'select_account' })}>
                  {t('accountSignInAnother')}
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-disabled={busy}
                  onClick={() => auth.active && run('signOut', { accountId: auth.active.id })}
                >
                  {t('accountSignOut', auth.active.name)}
                </button>
              </>
            )}
          </div>
          {others.length > 0 && (
            <>
              <h3>{t('accountOthers')}</h3>
              <ul class="account-list">
                {others.map((account) => (
                  <li key={account.id}>
                    <span>
                      {account.name} ({account.username})
                    </span>{' '}
                    <button
                      type="button"
                      class="secondary"
                      aria-disabled={busy}
                      onClick={() => run('switchAccount', { accountId: account.id })}
                    >
                      {t('accountSwitch', account.name)}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <p role="status" class="form-status">
        {status || (!state.ok ? state.error.message : '')}
      </p>
      {auth && <p class="field__hint">{t('accountRedirectUri', auth.redirectUri)}</p>}
    </section>
  );
}
