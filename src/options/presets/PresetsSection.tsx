import { useMemo, useRef } from 'preact/hooks';
import type { GroupItem } from '../../core/pim-state.ts';
import { t } from '../../platform/i18n.ts';
import { accountsItem } from '../../platform/items.ts';
import { snapshotItem } from '../../platform/pim-items.ts';
import { useConnection } from '../../ui/useConnection.ts';
import { useFirstPages } from '../../ui/useFirstPages.ts';
import { useStored } from '../../ui/useStored.ts';
import { ImportPanel } from './ImportPanel.tsx';
import { MyPresetsList } from './MyPresetsList.tsx';
import { tenantFor } from './model.ts';
import { OrgPresetsList } from './OrgPresetsList.tsx';
import { SharePanel } from './SharePanel.tsx';
import { useFileDrop } from './useFileDrop.ts';
import { useFocusRequest } from './useFocusRequest.ts';
import { useImport } from './useImport.ts';
import { useMyPresets } from './useMyPresets.ts';
import { usePresetStatus } from './usePresetStatus.ts';
import { usePresets } from './usePresets.ts';
import { useSelection } from './useSelection.ts';
import './presets.css';

/** Presets on the options page: the user's (edit, reorder, delete with undo), the organisation's (locked), share and import. */
export function PresetsSection() {
  const presets = usePresets();
  const snapshot = useStored(snapshotItem);
  const accounts = useStored(accountsItem);
  const connection = useConnection();
  const section = useRef<HTMLElement>(null);
  const focusOn = useFocusRequest(section);
  const line = usePresetStatus(focusOn);
  const selection = useSelection();
  const list = useMyPresets(presets?.mine, line, focusOn, section, selection.remove);

  const account = accounts?.known.find((a) => a.id === accounts.activeId);
  const accountTenant = account?.tenantId ?? '';
  const tenantId = tenantFor(accountTenant, connection?.connection.tenant);
  const items: GroupItem[] = useMemo(
    () => (snapshot && account && snapshot.accountId === account.id ? snapshot.items : []),
    [snapshot, account],
  );
  const eligible = useMemo(() => items.filter((i) => i.eligible), [items]);
  // The first pages of a read (issue 19) do not say what the user is not eligible for: not known
  // yet, and neither is anything before the name of the first pages has been read.
  const partial = useFirstPages(snapshot ?? null) !== false;
  const names = useMemo(() => new Map(items.map((i) => [i.key, i.groupName])), [items]);
  const imports = useImport(
    list,
    presets?.managed ?? [],
    { accountTenant, eligible: partial ? null : eligible },
    line.say,
    focusOn,
  );
  const drop = useFileDrop((file) => void imports.readFile(file));

  if (!presets) return null;
  const { status } = line;
  return (
    <section
      ref={section}
      class="presets"
      aria-labelledby="presets-heading"
      data-dragging={drop.dragging ? 'true' : undefined}
      {...drop.handlers}
    >
      <h2 id="presets-heading" tabIndex={-1}>
        {t('presetsHeading')}
      </h2>
      <p class="section-intro">{t('presetsIntro')}</p>
      <div class="form-actions presets__status">
        <span role="status" class="form-status" data-testid="presets-status">
          {status.text}
        </span>
        {status.undo && (
          <button
            type="button"
            class="secondary"
            data-action="undo"
            aria-label={t('presetsUndoLabel', status.undo.preset.name)}
            onClick={() => void list.undo()}
          >
            {t('presetsUndo')}
          </button>
        )}
      </div>

      <MyPresetsList
        presets={presets}
        list={list}
        selection={selection}
        groups={eligible}
        names={names}
        tenantId={tenantId}
      />
      <OrgPresetsList managed={presets.managed} managedError={presets.managedError} selection={selection} />
      <SharePanel
        all={[...presets.mine, ...presets.managed]}
        selection={selection}
        tenantId={accountTenant || tenantId}
        say={line.say}
        focusOn={focusOn}
      />
      <ImportPanel imports={imports} dragging={drop.dragging} names={names} />
    </section>
  );
}
