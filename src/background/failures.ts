import {
  classifyGraphFailure,
  explainGraphFailure,
  type GraphFailureClass,
  type GraphFailureContext,
} from '../core/graph-errors.ts';
import { AppError } from '../core/result.ts';
import { GraphRequestError } from '../graph/errors.ts';
import { t } from '../platform/i18n.ts';
import { uiLanguage } from '../platform/locale.ts';

export interface DescribedFailure {
  code: string;
  message: string;
  /** For Graph failures: what kind of failure, so callers can decide (retry, reconcile, count as done). */
  kind?: GraphFailureClass;
}

/** Any error of an operation as a code and a sentence the user can act on. */
export function describeFailure(error: unknown, context: Omit<GraphFailureContext, 'locale'>): DescribedFailure {
  if (error instanceof GraphRequestError) {
    const sentence = explainGraphFailure(error.failure, { ...context, locale: uiLanguage() });
    const code = 'status' in error.failure ? error.failure.code : error.failure.kind;
    return { code, message: t(sentence.key, ...sentence.substitutions), kind: classifyGraphFailure(error.failure) };
  }
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'unexpected', message: t('errorUnexpected', error instanceof Error ? error.message : String(error)) };
}
