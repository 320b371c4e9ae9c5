/** What crosses a context boundary: never a thrown object, always one of these. */
export interface ErrorInfo {
  /** Stable machine-readable code, e.g. `unknown-message`, `background-unavailable`. */
  code: string;
  /** A sentence the user can act on, already localised. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message } });

/** An error that carries a code the other side can act on. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
