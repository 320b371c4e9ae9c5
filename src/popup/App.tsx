import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { type Cloud, isConfigured } from '../core/connection.ts';
import type { Zone } from '../core/format/time.ts';
import { t } from '../platform/i18n.ts';
import { uiLanguage } from '../platform/locale.ts';
import { log } from '../platform/log.ts';
import { openOptionsPage } from '../platform/pages.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import { useConnection } from '../ui/useConnection.ts';
import { useFocusOnMount } from '../ui/useFocusOnMount.ts';
import type { Announce } from './announce.ts';
import { GroupList } from './components/GroupList.tsx';
import { Header } from './components/Header.tsx';
import { deferredParts, LazyStatusFooter, loadDeferredParts } from './components/LazyParts.tsx';
import { LazyPresetsArea } from './components/LazyPresetsArea.tsx';
import { LazyWaitingOnYou } from './components/LazyWaitingOnYou.tsx';
import { RefreshIndicator, type RefreshIndicatorProps, refreshText } from './components/RefreshIndicator.tsx';
import { ActionsContext, DataContext, OrgDefaultsContext } from './context.ts';
import { usePaintMarks } from './paint-marks.ts';
import { useActions } from './useActions.ts';
import { useNow } from './useNow.ts';
import { useOrgDefaults } from './useOrgDefaults.ts';
import { type PopupData, usePopupData } from './usePopupData.ts';
import { useRefresh } from './useRefresh.ts';
import { useRefreshAnnouncement } from './useRefreshAnnouncement.ts';

/** How long after the whole list is there the popup saves its first screen for the next one. */
const HEAD_SAVE_AFTER_MS = 1000;

/**
 * The popup owns nothing: it paints what storage holds at once, asks the background to refresh,
 * and sends intents. Storage changes re-render it.
 */
export function App() {
  const connection = useConnection();
  const data = usePopupData();
  const [announcement, setAnnouncement] = useState('');
  const announce = useCallback<Announce>((text) => setAnnouncement(text), []);
  const zone = useMemo<Zone>(() => ({ locale: uiLanguage() }), []);
  // Everything the first paint does not need (deferred-parts.ts: the presets area, the approvals,
  // the form, row notices) loads in one chunk alongside the first storage reads, so the parts above
  // the list appear with it and a click on a row finds the form there.
  useEffect(() => void loadDeferredParts().catch(() => {}), []);
  // Managed storage can take seconds to answer on the first read after the browser starts, so a
  // signed-in user's cached list paints without waiting for it; nothing flashes an error meanwhile.
  const configured = connection === undefined ? undefined : isConfigured(connection.connection);
  return (
    <main class="popup" aria-labelledby="popup-heading">
      {configured === false || !data ? (
        <Header configured={false} account={undefined} refreshing={false} />
      ) : (
        <Loaded
          data={data}
          configured={configured}
          cloud={connection?.connection.cloud}
          announce={announce}
          zone={zone}
        />
      )}
      {configured === false && <SetUp />}
      <div class="visually-hidden" aria-live="polite" data-testid="announcer">
        {announcement}
      </div>
      <LazyStatusFooter />
    </main>
  );
}

function SetUp() {
  const settingsButton = useFocusOnMount<HTMLButtonElement>();
  return (
    <EmptyState title={t('popupSetupTitle')} body={t('popupSetupBody')}>
      <button type="button" ref={settingsButton} onClick={() => void openOptionsPage()}>
        {t('openSettings')}
      </button>
    </EmptyState>
  );
}

/** The re-activations the signed-in account queued and that have not run yet: item key → when. */
function queuedFor(queue: PopupData['reactivations'], accountId: string | undefined): Record<string, number> {
  const mine = Object.entries(queue).filter(([, q]) => q.accountId === accountId && !q.ran);
  return Object.fromEntries(mine.map(([key, q]) => [key, q.atMs]));
}

/** `configured` is undefined until the connection settings are read. */
function Loaded(props: {
  data: PopupData;
  configured: boolean | undefined;
  cloud: Cloud | undefined;
  announce: Announce;
  zone: Zone;
}) {
  const { data, configured, cloud, announce, zone } = props;
  const org = useOrgDefaults();
  const { actions, local } = useActions(data, announce, org);
  const localNow = useNow();
  const account = data.accounts.known.find((a) => a.id === data.accounts.activeId);
  const signedIn = configured !== false && account !== undefined;
  const refresh = useRefresh(signedIn);
  // A list read for another account is not this user's.
  const snapshot = data.snapshot && data.snapshot.accountId === account?.id ? data.snapshot : null;
  const reactivations = useMemo(() => queuedFor(data.reactivations, account?.id), [data.reactivations, account?.id]);
  const items = useMemo(
    () =>
      snapshot?.items.map((item) => {
        const overlay = local.overlays[item.key];
        // Spread, not row-change.ts's withChange: a removed state left as `undefined` shows the same,
        // and the first paint does not carry that module.
        return overlay ? { ...item, ...overlay } : item;
      }),
    [snapshot, local.overlays],
  );
  // The stamp, not the list: it changes with each list written, not when the head's list takes over.
  usePaintMarks(data.stamp, signedIn && items !== undefined);
  const whole = data.headOf === undefined;
  // The first screen the next popup can paint without the whole list (list-head.ts), once this one
  // holds it, and again when what orders the list changes. A second after that, when the popup is
  // idle: at 1,000 groups the first pass over the list takes about 15 ms, which a click soon after
  // the list painted must not wait behind. Most opens find the saved one still holds, and stop there.
  useEffect(() => {
    if (!snapshot || !whole) return;
    const { favourites, recent, operations, clockOffset } = data;
    const save = () =>
      deferredParts
        .load()
        .then((parts) =>
          parts.saveListHead({
            snapshot,
            favourites,
            recent,
            operations,
            locale: uiLanguage(),
            nowMs: Date.now() + clockOffset,
          }),
        )
        .catch((error: unknown) => log.warn('popup', 'could not save the list head', error));
    let idle = 0;
    // Within another second at most: a page that is never idle (a loaded machine) still saves it.
    const timer = setTimeout(
      () => (idle = requestIdleCallback(save, { timeout: HEAD_SAVE_AFTER_MS })),
      HEAD_SAVE_AFTER_MS,
    );
    return () => {
      clearTimeout(timer);
      cancelIdleCallback(idle);
    };
  }, [snapshot, whole, data.favourites, data.recent, data.operations]);
  const dataFromMs = data.refresh.lastSuccessMs || (snapshot ? snapshot.fetchedAtMs - data.clockOffset : 0);
  const indicator: RefreshIndicatorProps = {
    status: data.refresh,
    inFlight: refresh.inFlight,
    replyError: refresh.replyError,
    dataFromMs,
    localNowMs: localNow,
    zone,
  };
  const refreshAnnouncement = useRefreshAnnouncement(signedIn ? refreshText(indicator) : undefined, announce);

  let body = null;
  if (!signedIn && !configured) body = null;
  else if (!signedIn) body = <EmptyState title={t('popupSignInTitle')} body={t('authSignInRequired')} />;
  else if (!items) body = <p class="popup__loading">{t('popupLoading')}</p>;
  else if (items.length === 0) body = <EmptyState title={t('popupNoGroupsTitle')} body={t('popupNoGroupsBody')} />;
  else
    body = (
      <GroupList
        items={items}
        total={data.headOf}
        favourites={data.favourites}
        recent={data.recent}
        operations={data.operations}
        reactivations={reactivations}
        local={local}
        nowMs={localNow + data.clockOffset}
        zone={zone}
      />
    );

  return (
    <ActionsContext.Provider value={actions}>
      <DataContext.Provider value={data}>
        <Header
          configured={configured === true}
          account={signedIn ? account : undefined}
          refreshing={data.refresh.refreshing || refresh.inFlight}
          cloud={cloud}
          onRefresh={
            signedIn
              ? () => {
                  refreshAnnouncement.userAsked();
                  refresh.refresh(true);
                }
              : undefined
          }
        >
          {signedIn && <RefreshIndicator {...indicator} />}
        </Header>
        {signedIn && items && whole && (
          <LazyPresetsArea
            list={snapshot}
            items={items}
            favourites={data.favourites}
            clockOffset={data.clockOffset}
            announce={announce}
          />
        )}
        {local.foreignLink && (
          <p class="popup__link-notice" role="status" data-deep-link="foreign">
            {t('popupDeepLinkForeign')}
          </p>
        )}
        {signedIn && account && <LazyWaitingOnYou accountId={account.id} announce={announce} />}
        <OrgDefaultsContext.Provider value={org}>{body}</OrgDefaultsContext.Provider>
      </DataContext.Provider>
    </ActionsContext.Provider>
  );
}
