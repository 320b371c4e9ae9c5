import { t } from '../platform/i18n.ts';
import { openOptionsPage } from '../platform/pages.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import { StatusFooter } from '../ui/StatusFooter.tsx';
import { useFocusOnMount } from '../ui/useFocusOnMount.ts';

export function App() {
  const settingsButton = useFocusOnMount<HTMLButtonElement>();
  return (
    <main class="popup" aria-labelledby="popup-heading">
      <h1 id="popup-heading">{t('popupHeading')}</h1>
      <EmptyState title={t('popupEmptyTitle')} body={t('popupEmptyBody')}>
        <button type="button" ref={settingsButton} onClick={() => void openOptionsPage()}>
          {t('openSettings')}
        </button>
      </EmptyState>
      <StatusFooter />
    </main>
  );
}
