import { t } from '../../platform/i18n.ts';
import { extensionUrl } from '../../platform/pages.ts';
import { openTab } from '../../platform/tabs.ts';

/** `#new-preset=<keys>` on the options page opens the preset editor with these groups chosen. */
export function newPresetUrl(keys: readonly string[], base = location.href): string {
  return new URL(`../options/index.html#new-preset=${encodeURIComponent(keys.join(','))}`, base).href;
}

/** "Save favourites as preset…": the options page's editor, opened in a new tab with the starred groups. */
export function SaveFavourites(props: { keys: readonly string[] }) {
  return (
    <p class="presets-area__save">
      <button
        type="button"
        class="secondary"
        onClick={() => void openTab(newPresetUrl(props.keys, extensionUrl(location.pathname)))}
      >
        {t('presetsSaveFavourites')}
      </button>
    </p>
  );
}
