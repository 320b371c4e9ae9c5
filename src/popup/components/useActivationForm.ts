import { useContext, useEffect, useState } from 'preact/hooks';
import {
  ACTIVATION_FIELDS,
  type ActivationProblem,
  type ActivationProblems,
  cappedDuration,
} from '../../core/activation.ts';
import { defaultDuration, MIN_ACTIVATION_MINUTES } from '../../core/duration.ts';
import { formatMinutesShort } from '../../core/format/duration.ts';
import type { GroupItem } from '../../core/pim-state.ts';
import { type ActivationRequirements, DEFAULT_MAXIMUM_MINUTES } from '../../core/policy.ts';
import { type MessageKey, t } from '../../platform/i18n.ts';
import { ActionsContext, DataContext, OrgDefaultsContext } from '../context.ts';
import { remembered } from '../remembered.ts';
import { type FormField, type FormValues, toRequest, validate } from '../validate.ts';

/** Until the policy is known the form assumes nothing is required; the background still checks. */
const UNKNOWN: ActivationRequirements = {
  maximumMinutes: DEFAULT_MAXIMUM_MINUTES,
  justification: false,
  ticket: false,
  mfa: false,
  approval: false,
};

const PROBLEM_TEXT: Record<ActivationProblem, MessageKey> = {
  justificationMissing: 'formJustificationMissing',
  ticketNumberMissing: 'formTicketNumberMissing',
  ticketSystemMissing: 'formTicketSystemMissing',
  durationTooShort: 'formDurationTooShort',
  durationTooLong: 'formDurationTooLong',
  startInPast: 'formStartPast',
  startInvalid: 'formStartInvalid',
};

/**
 * The form's state: values start from the draft (else what a one-click activation would send: this
 * item's memory, then the most recent reason), every edit is written
 * back to the draft, and the requirements come from the cache or the background.
 */
export function useActivationForm(item: GroupItem, locale: string) {
  const actions = useContext(ActionsContext);
  const data = useContext(DataContext);
  const org = useContext(OrgDefaultsContext);
  const [loaded, setLoaded] = useState<{ needs?: ActivationRequirements; error?: string }>(() => ({
    needs: actions.requirements.peek(item.key),
  }));
  const memory = data.memory.perItem[item.key];
  const [typed, setTyped] = useState<Partial<FormValues>>(() => {
    const draft = actions.draft(item.key);
    // What a one-click activation would send, so a form it opened on a missing ticket keeps the reason.
    const known = remembered(undefined, data.memory, item.key);
    return {
      justification: draft?.justification ?? known.justification ?? '',
      ticketNumber: draft?.ticketNumber ?? '',
      ticketSystem: draft?.ticketSystem ?? known.ticketSystem ?? '',
      start: draft?.start ?? '',
      ...(draft?.durationMinutes === undefined ? {} : { durationMinutes: draft.durationMinutes }),
    };
  });
  const [problems, setProblems] = useState<ActivationProblems>({});

  useEffect(() => {
    if (loaded.needs) return;
    let live = true;
    void actions.requirements.get(item).then((result) => {
      if (live) setLoaded(result.ok ? { needs: result.value } : { error: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [actions, item, loaded.needs]);

  const policy = loaded.needs ?? UNKNOWN;
  // The eligibility's end is a limit too (the background caps every request at it): offer no more.
  const leftMinutes = cappedDuration(policy.maximumMinutes, Date.now() + data.clockOffset, item.eligibleUntilMs);
  const needs = { ...policy, maximumMinutes: Math.max(MIN_ACTIVATION_MINUTES, leftMinutes) };
  const values: FormValues = {
    justification: typed.justification ?? '',
    ticketNumber: typed.ticketNumber ?? '',
    ticketSystem: typed.ticketSystem ?? '',
    start: typed.start ?? '',
    durationMinutes:
      typed.durationMinutes ?? defaultDuration(needs.maximumMinutes, memory?.durationMinutes, org.durationMinutes),
  };

  return {
    loaded,
    needs,
    values,
    edit(change: Partial<FormValues>) {
      setTyped((current) => ({ ...current, ...change }));
      setProblems((current) => {
        const next = { ...current };
        for (const field of Object.keys(change) as FormField[]) delete next[field];
        return next;
      });
      actions.saveDraft(item.key, change);
    },
    /** Validates; returns the first invalid field, or sends the activation and returns undefined. */
    submit(close: () => void): FormField | undefined {
      const found = validate(values, needs, Date.now());
      setProblems(found);
      const first = ACTIVATION_FIELDS.find((field) => found[field]);
      if (first) return first;
      close();
      void actions.submit(item, toRequest(item, values, needs, data.clockOffset));
      return undefined;
    },
    problem(field: FormField): string | undefined {
      const p = problems[field];
      if (!p) return undefined;
      if (p === 'durationTooShort')
        return t('formDurationTooShort', formatMinutesShort(MIN_ACTIVATION_MINUTES, locale));
      if (p === 'durationTooLong') return t('formDurationTooLong', formatMinutesShort(needs.maximumMinutes, locale));
      return t(PROBLEM_TEXT[p]);
    },
    choicesFrom: data.memory,
  };
}
