import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountSummary } from '../../core/account.ts';
import type { Cloud } from '../../core/connection.ts';
import { t } from '../../platform/i18n.ts';
import { sendMessage } from '../../platform/messages.ts';
import { LazyPortalMenu } from './LazyParts.tsx';

export interface HeaderProps {
  /** Tenant and client id are set; before that there is nobody to sign in. */
  configured: boolean;
  account: AccountSummary | undefined;
  refreshing: boolean;
  onRefresh?: (() => void) | undefined;
  /** The signed-in cloud, for the admin center menu (no menu before sign-in). */
  cloud?: Cloud | undefined;
  /** The refresh indicator. */
  children?: ComponentChildren;
}

/** Title, the signed-in account (or Sign in), the refresh button and the refresh indicator. */
export function Header(props: HeaderProps) {
  const { configured, account, refreshing, onRefresh } = props;
  const [signInError, setSignInError] = useState<string>();
  const [signingIn, setSigningIn] = useState(false);
  const signInButton = useRef<HTMLButtonElement>(null);
  // No account, or one whose Entra session has ended: the cached list stays, marked by the indicator.
  const needsSignIn = configured && (!account || account.signInNeeded === true);

  useEffect(() => {
    if (needsSignIn) signInButton.current?.focus();
  }, [needsSignIn]);

  const signIn = async () => {
    if (signingIn) return;
    setSigningIn(true);
    setSignInError(undefined);
    const result = await sendMessage('signIn', {});
    setSigningIn(false);
    if (!result.ok) setSignInError(result.error.message);
  };

  return (
    <header class="popup__header">
      <div class="popup__bar">
        <h1 id="popup-heading">{t('popupHeading')}</h1>
        {account && (
          <span class="popup__account" title={account.username}>
            <span class="visually-hidden">{t('popupAccountLabel', account.name || account.username)}</span>
            <span aria-hidden="true">{account.name || account.username}</span>
          </span>
        )}
        {needsSignIn && (
          <button type="button" ref={signInButton} disabled={signingIn} onClick={() => void signIn()}>
            {t('popupSignIn')}
          </button>
        )}
        {onRefresh && (
          <button
            type="button"
            class="icon-button"
            aria-label={t('popupRefresh')}
            title={t('popupRefresh')}
            aria-disabled={refreshing}
            data-spinning={refreshing ? 'true' : undefined}
            onClick={() => !refreshing && onRefresh()}
          >
            <span aria-hidden="true">↻</span>
          </button>
        )}
        {account && props.cloud && <LazyPortalMenu cloud={props.cloud} />}
      </div>
      {props.children}
      {signInError && (
        <p class="popup__error" role="alert">
          {signInError}
        </p>
      )}
    </header>
  );
}
