// "Waiting on you": the requests where the signed-in user approves the current stage, above their
// own groups. Loaded after the first paint (LazyWaitingOnYou.tsx); it reads and follows its own
// storage item, so the popup's first paint carries none of it. Deciding is a message to the
// background, which holds the stage id and the token; the request then leaves the list.
import { useEffect, useState } from 'preact/hooks';
import type { ApprovalItem } from '../../core/approvals.ts';
import { formatMinutes } from '../../core/format/duration.ts';
import { formatMoment } from '../../core/format/time.ts';
import { approvalsItem, approverReasonsItem } from '../../platform/approval-items.ts';
import { t } from '../../platform/i18n.ts';
import { uiLanguage } from '../../platform/locale.ts';
import { sendMessage } from '../../platform/messages.ts';
import type { StorageItem } from '../../platform/storage.ts';
import type { Announce } from '../announce.ts';
import { JustificationChoices } from './JustificationChoices.tsx';

type Stored = NonNullable<typeof approvalsItem extends StorageItem<infer T> ? T : never>;

function useStoredValue<T>(item: StorageItem<T>): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let live = true;
    void item.get().then((v) => live && setValue(v));
    const stop = item.watch((v) => setValue(v));
    return () => {
      live = false;
      stop();
    };
  }, [item]);
  return value;
}

export interface WaitingOnYouProps {
  /** Only this account's list is shown (another's, mid-switch, is none). */
  accountId: string;
  announce: Announce;
}

/** A decision that could not be made, kept on screen after its request left the list. */
interface Notice {
  id: string;
  text: string;
}

export function WaitingOnYou(props: WaitingOnYouProps) {
  const stored = useStoredValue(approvalsItem);
  const reasons = useStoredValue(approverReasonsItem) ?? [];
  const [notices, setNotices] = useState<Notice[]>([]);
  const mine: Stored | null = stored && stored.accountId === props.accountId ? stored : null;
  const items = mine?.items ?? [];
  if (items.length === 0 && notices.length === 0) return null;
  const onClosed = (id: string, text: string) => setNotices((n) => [...n.filter((x) => x.id !== id), { id, text }]);
  return (
    <section class="approvals" aria-labelledby="approvals-heading">
      <h2 id="approvals-heading" class="approvals__heading">
        {t('approvalsHeading', String(items.length))}
      </h2>
      {notices.map((n) => (
        <p key={n.id} class="approvals__notice" role="alert">
          {n.text}
        </p>
      ))}
      {items.length > 0 && (
        <ul class="approvals__list">
          {items.map((item) => (
            <li key={item.id}>
              <ApprovalCard item={item} reasons={reasons} announce={props.announce} onClosed={onClosed} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function windowText(item: ApprovalItem, locale: string): string {
  if (item.durationMinutes === null) return t('approvalWindowUnknown');
  const duration = formatMinutes(item.durationMinutes, locale);
  // A start that has passed (or is a minute away) means "when approved": PIM starts it then.
  const nowMs = Date.now();
  const later = item.startMs !== null && item.startMs > nowMs + 60_000;
  return later && item.startMs !== null
    ? t('approvalWindowFrom', duration, formatMoment(item.startMs, nowMs, { locale }))
    : t('approvalWindowOnApproval', duration);
}

function ApprovalCard(props: {
  item: ApprovalItem;
  reasons: string[];
  announce: Announce;
  onClosed: (id: string, text: string) => void;
}) {
  const { item } = props;
  const locale = uiLanguage();
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState('');
  const [reasonRequired, setReasonRequired] = useState(false);
  const base = `approval-${item.id}`;
  const access = t(item.accessId === 'owner' ? 'accessOwnerInText' : 'accessMemberInText');
  const ticket = [item.ticketSystem, item.ticketNumber].filter(Boolean).join(' ');

  const decide = async (decision: 'Approve' | 'Deny') => {
    if (sending) return;
    setSending(true);
    setError('');
    const reply = await sendMessage('decideApproval', { approvalId: item.id, decision, justification: reason });
    setSending(false);
    if (reply.ok) {
      props.announce(
        t(decision === 'Approve' ? 'approvalDoneApproved' : 'approvalDoneDenied', item.requesterName, item.groupName),
      );
      return;
    }
    // The background took the request off the list (decided first, expired, no longer an approver):
    // the reason stays on screen where the request was.
    const left = (await approvalsItem.get())?.items.every((i) => i.id !== item.id) ?? true;
    if (left) props.onClosed(item.id, reply.error.message);
    else {
      setError(reply.error.message);
      if (reply.error.message === t('graphErrorApproverJustificationRequired')) setReasonRequired(true);
    }
  };

  return (
    <article class="approval" aria-labelledby={`${base}-group`} aria-describedby={`${base}-who`} aria-busy={sending}>
      <div class="approval__title">
        <span id={`${base}-group`} class="approval__group">
          {item.groupName}
        </span>
        <span class="badge" data-access={item.accessId}>
          {t(item.accessId === 'owner' ? 'accessOwner' : 'accessMember')}
        </span>
      </div>
      <p id={`${base}-who`} class="approval__line">
        {t('approvalRequestedBy', item.requesterName, access)}
      </p>
      <p class="approval__line">{windowText(item, locale)}</p>
      {item.justification && <p class="approval__line">{t('approvalReason', item.justification)}</p>}
      {ticket && <p class="approval__line">{t('approvalTicket', ticket)}</p>}
      <p class="approval__line approval__expires">
        {t('approvalExpires', formatMoment(item.expiresMs, Date.now(), { locale }))}
      </p>
      <label class="approval__reason" for={`${base}-reason`}>
        {t(reasonRequired ? 'approvalYourReasonRequired' : 'approvalYourReason')}
      </label>
      <textarea
        id={`${base}-reason`}
        rows={2}
        maxLength={500}
        value={reason}
        required={reasonRequired}
        aria-invalid={reasonRequired && !reason.trim() ? true : undefined}
        onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
      />
      <JustificationChoices choices={props.reasons} onChoose={setReason} />
      {error && (
        <p class="approval__error" role="alert">
          {error}
        </p>
      )}
      {sending && (
        <p class="approval__line" role="status">
          {t('approvalSending')}
        </p>
      )}
      <div class="approval__actions">
        <button
          type="button"
          class="primary"
          disabled={sending}
          aria-label={t('approvalApproveLabel', item.requesterName, item.groupName)}
          onClick={() => void decide('Approve')}
        >
          {t('approvalApprove')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={sending}
          aria-label={t('approvalDenyLabel', item.requesterName, item.groupName)}
          onClick={() => void decide('Deny')}
        >
          {t('approvalDeny')}
        </button>
      </div>
    </article>
  );
}
