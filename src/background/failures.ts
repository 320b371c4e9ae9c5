import { clip } from '../core/clip.ts';
import {
  classifyGraphFailure,
  explainGraphFailure,
  type GraphFailureClass,
  type GraphFailureContext,
  graphMessageExcerpt,
} from '../core/graph-errors.ts';
import { MFA_UNMET } from '../core/portal.ts';
import { AppError } from '../core/result.ts';
import { thrownText } from '../core/thrown-text.ts';
import { GraphRequestError } from '../graph/errors.ts';
import { t } from '../platform/i18n.ts';
import { uiLanguage } from '../platform/locale.ts';

export interface DescribedFailure {
  code: string;
  message: string;
  /** For Graph failures: what kind of failure, so callers can decide (retry, reconcile, count as done). */
  kind?: GraphFailureClass;
}

// The operation record and the refresh status keep at most this much (pim-items.ts): a longer
// code or sentence would be refused there, leaving an activation shown as running forever.
const CODE_MAX = 200;
const MESSAGE_MAX = 2000;

/** Any error of an operation as a code and a sentence the user can act on. */
export function describeFailure(error: unknown, context: Omit<GraphFailureContext, 'locale'>): DescribedFailure {
  const described = describe(error, context);
  return {
    ...described,
    code: clip(described.code, CODE_MAX) || 'unexpected',
    message: clip(described.message, MESSAGE_MAX),
  };
}

function describe(error: unknown, context: Omit<GraphFailureContext, 'locale'>): DescribedFailure {
  if (error instanceof GraphRequestError) {
    const sentence = explainGraphFailure(error.failure, { ...context, locale: uiLanguage() });
    const kind = classifyGraphFailure(error.failure);
    // MFA alone still missing after the step-up fallbacks: the popup links to the portal for this one.
    const graphCode = 'status' in error.failure ? error.failure.code : error.failure.kind;
    const code = kind === 'stepUp' ? MFA_UNMET : graphCode;
    return { code, message: t(sentence.key, ...sentence.substitutions), kind };
  }
  if (error instanceof AppError && error.message.trim()) return { code: error.code, message: error.message };
  // Raw text from a library or the network: its first sentence, cleaned of markup and controls.
  const raw = thrownText(error);
  return {
    code: error instanceof AppError ? error.code : 'unexpected',
    message: t('errorUnexpected', graphMessageExcerpt(raw) || (error instanceof Error ? error.name : typeof error)),
  };
}
