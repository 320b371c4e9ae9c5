import type { ActivationRequirements } from '../../core/policy.ts';
import { t } from '../../platform/i18n.ts';

/** Says up front what the activation will ask for: MFA, extra verification, approval, ticket, reason. */
export function RequirementChips({ needs }: { needs: ActivationRequirements }) {
  const chips = [
    needs.justification && { id: 'justification', text: t('formNeedsJustification') },
    needs.ticket && { id: 'ticket', text: t('formNeedsTicket') },
    needs.mfa && { id: 'mfa', text: t('formNeedsMfa') },
    needs.authContext && {
      id: 'context',
      text: t('formNeedsAuthContext'),
      title: t('formAuthContextDetail', needs.authContext),
    },
    needs.approval && { id: 'approval', text: t('formNeedsApproval') },
  ].filter((chip): chip is { id: string; text: string; title?: string } => Boolean(chip));
  if (chips.length === 0) return null;
  return (
    <ul class="chips" aria-label={t('formNeedsLabel')}>
      {chips.map((chip) => (
        <li key={chip.id} class="chip" data-chip={chip.id} title={chip.title}>
          {chip.text}
          {chip.title && <span class="visually-hidden"> ({chip.title})</span>}
        </li>
      ))}
    </ul>
  );
}
