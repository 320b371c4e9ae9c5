import { isConfigured } from '../core/connection.ts';
import { t } from '../platform/i18n.ts';
import { openOptionsPage } from '../platform/pages.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import { StatusFooter } from '../ui/StatusFooter.tsx';
import { useConnection } from '../ui/useConnection.ts';
import { useFocusOnMount } from '../ui/useFocusOnMount.ts';

export function App() {
  const settingsButton = useFocusOnMount<HTMLButtonElement>();
  const connection = useConnection();
  // Until the settings are read, the general empty state shows; it never flashes an error.
  const needsSetup = connection !== undefined && !isConfigured(connection.connection);
  return (
    <main class="popup" aria-labelledby="popup-heading">
      <h1 id="popup-heading">{t('popupHeading')}</h1>
      <EmptyState
        title={t(needsSetup ? 'popupSetupTitle' : 'popupEmptyTitle')}
        body={t(needsSetup ? 'popupSetupBody' : 'popupEmptyBody')}
      >
        <button type="button" ref={settingsButton} onClick={() => void openOptionsPage()}>
          {t('openSettings')}
        </button>
      </EmptyState>
      <StatusFooter />
    </main>
  );
}
