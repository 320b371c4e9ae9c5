import type { Cloud } from '../../core/connection.ts';
import { portalLinks } from '../../core/portal.ts';
import { t } from '../../platform/i18n.ts';

/**
 * The admin center one click away: a disclosure (native `<details>`, so no script and the keyboard
 * works as everywhere) with links to PIM's My roles › Groups and PIM's start page (My requests is
 * in its menu), for the cloud the user signed in to. Links open in a new tab.
 */
export function PortalMenu(props: { cloud: Cloud }) {
  const links = portalLinks(props.cloud);
  return (
    <details class="popup__menu">
      <summary aria-label={t('popupPortalMenu')} title={t('popupPortalMenu')}>
        <span aria-hidden="true">⋯</span>
      </summary>
      <ul>
        <li>
          <a href={links.myGroups} target="_blank" rel="noopener noreferrer">
            {t('popupPortalMyGroups')}
          </a>
        </li>
        <li>
          <a href={links.pim} target="_blank" rel="noopener noreferrer">
            {t('popupPortalPim')}
          </a>
        </li>
      </ul>
    </details>
  );
}
