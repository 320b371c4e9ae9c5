import { t } from '../platform/i18n.ts';
import { useBackgroundStatus } from './useBackgroundStatus.ts';

/** Shows which version answered, or a sentence when the background does not. */
export function StatusFooter() {
  const status = useBackgroundStatus();
  let text = '';
  if (status?.ok) text = t('versionLabel', status.value.version);
  else if (status) text = status.error.message;
  return (
    <div class="status-footer" role="status" data-state={status ? (status.ok ? 'ok' : 'error') : 'loading'}>
      {text}
    </div>
  );
}
