import { useContext } from 'preact/hooks';
import { ACCESS_LABEL } from '../../core/access.ts';
import type { Zone } from '../../core/format/time.ts';
import type { GroupItem } from '../../core/pim-state.ts';
import type { ShownName } from '../../core/shown-name.ts';
import { t } from '../../platform/i18n.ts';
import { memo } from '../../ui/memo.ts';
import { ActionsContext } from '../context.ts';
import { canActivate, canDeactivate, itemPhrase, type OpView, requestIdOf } from '../model.ts';
import type { FocusField } from '../useActions.ts';
import { LazyActivationForm } from './LazyActivationForm.tsx';
import { LazyRowNotices, LazyTimeLeftBar } from './LazyParts.tsx';
import { stateText } from './stateText.ts';

export interface GroupRowProps {
  item: GroupItem;
  /** The name as shown (controls made visible, a label when blank, a suffix when another looks the same). */
  name: ShownName;
  /** The heading of the section this row starts ("Now", "Favourites"…), if it starts one. */
  heading?: string | undefined;
  /** 1-based place in the whole (filtered) list, and its length: only part of it is rendered. */
  position: number;
  setSize: number;
  op: OpView | undefined;
  note: 'alreadyActive' | undefined;
  /** Graph time at which a re-activation the user queued runs, if any. */
  reactivateAtMs?: number | undefined;
  favourite: boolean;
  /** The roving tab stop: this row (and its buttons) can be reached with Tab. */
  current: boolean;
  expanded: boolean;
  focusField: FocusField | undefined;
  /** Graph's clock, updated each minute. */
  nowMs: number;
  zone: Zone;
}

/** An element id made from an item key (keys hold only id characters and ':'). */
export const rowId = (key: string) => `item-${key}`;

function GroupRowView(props: GroupRowProps) {
  const {
    item,
    name,
    heading,
    position,
    setSize,
    op,
    note,
    reactivateAtMs,
    favourite,
    current,
    expanded,
    focusField,
    nowMs,
    zone,
  } = props;
  const actions = useContext(ActionsContext);
  const id = rowId(item.key);
  const phrase = itemPhrase(item, name.suffix ? `${name.text} ${name.suffix}` : name.text);
  const tab = current ? 0 : -1;
  const running = op?.phase === 'running';
  const activatable = canActivate(item);
  const requestId = requestIdOf(item);
  const primary = activatable
    ? { text: t('listActivate'), label: t('listActivateLabel', phrase), run: () => actions.activate(item) }
    : canDeactivate(item)
      ? { text: t('listDeactivate'), label: t('listDeactivateLabel', phrase), run: () => actions.deactivate(item) }
      : requestId
        ? { text: t('listCancelRequest'), label: t('listCancelRequestLabel', phrase), run: () => actions.cancel(item) }
        : undefined;
  return (
    <li
      id={id}
      class="row"
      data-key={item.key}
      data-state={running ? 'busy' : item.active ? 'active' : item.pending || item.scheduled ? 'waiting' : 'eligible'}
      tabIndex={tab}
      aria-labelledby={`${id}-name ${id}-access ${id}-state`}
      aria-busy={running}
      aria-posinset={position}
      aria-setsize={setSize}
    >
      {heading && <h2 class="row__section">{heading}</h2>}
      <div class="row__main">
        <button
          type="button"
          class="row__star"
          tabIndex={tab}
          aria-pressed={favourite}
          aria-label={t('listFavouriteLabel', phrase)}
          onClick={() => actions.toggleFavourite(item.key)}
        >
          <span aria-hidden="true">{favourite ? '★' : '☆'}</span>
        </button>
        <div class="row__text">
          <span id={`${id}-name`} class="row__name" title={name.text}>
            {/* bdi: a right-to-left name keeps its direction without reordering what follows it */}
            <bdi>{name.text}</bdi>
            {name.suffix && <span class="row__suffix"> {name.suffix}</span>}
          </span>{' '}
          <span id={`${id}-access`} class="badge" data-access={item.accessId}>
            {t(ACCESS_LABEL[item.accessId])}
          </span>
          <span id={`${id}-state`} class="row__state">
            {stateText(item, op, note, nowMs, zone)}
          </span>
          {item.active?.endMs != null && !running && (
            <LazyTimeLeftBar
              startMs={item.active.startMs}
              endMs={item.active.endMs}
              nowMs={nowMs}
              locale={zone.locale}
            />
          )}
        </div>
        <div class="row__actions">
          {primary && (
            <button
              type="button"
              class={activatable ? 'primary' : 'secondary'}
              tabIndex={tab}
              // aria-disabled, not disabled: a disabled button drops the keyboard focus to the page.
              aria-disabled={running}
              aria-label={primary.label}
              onClick={() => !running && void primary.run()}
            >
              {primary.text}
            </button>
          )}
          {activatable && (
            <button
              type="button"
              class="row__expand"
              tabIndex={tab}
              aria-expanded={expanded}
              aria-controls={`${id}-form`}
              aria-label={t('listOptionsLabel', phrase)}
              onClick={() => actions.toggleExpanded(item.key)}
            >
              <span aria-hidden="true">▾</span>
            </button>
          )}
        </div>
      </div>
      {(reactivateAtMs !== undefined || (op?.phase === 'failed' && op.message)) && (
        <LazyRowNotices
          item={item}
          op={op}
          reactivateAtMs={reactivateAtMs}
          phrase={phrase}
          tab={tab}
          nowMs={nowMs}
          zone={zone}
        />
      )}
      {expanded && activatable && <LazyActivationForm id={`${id}-form`} item={item} focus={focusField} />}
    </li>
  );
}

/** One group and access; re-renders only when its own props change. */
export const GroupRow = memo(GroupRowView);
