import { t } from '../platform/i18n.ts';
import { StatusFooter } from '../ui/StatusFooter.tsx';
import { useFocusOnMount } from '../ui/useFocusOnMount.ts';
import { AccountPanel } from './AccountPanel.tsx';
import { ConnectionForm } from './ConnectionForm.tsx';
import { HistorySection } from './history/HistorySection.tsx';
import { NotificationSettings } from './NotificationSettings.tsx';
import { PresetsSection } from './presets/PresetsSection.tsx';

export function App() {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <main class="options" aria-labelledby="options-heading">
      <h1 id="options-heading" tabIndex={-1} ref={heading}>
        {t('optionsHeading')}
      </h1>
      <ConnectionForm />
      <AccountPanel />
      <NotificationSettings />
      <PresetsSection />
      <HistorySection />
      <StatusFooter />
    </main>
  );
}
