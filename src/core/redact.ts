// Tokens must never reach a log line or an error report. Anything that looks like a JWT or a
// bearer credential is replaced before text leaves the extension's own code.
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const BEARER = /(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
const TOKEN_FIELDS =
  /("?(?:access_token|refresh_token|id_token|code|code_verifier|client_info)"?\s*[:=]\s*"?)[^"&\s,}]{8,}/gi;

export function redact(text: string): string {
  return text.replace(JWT, '[redacted-jwt]').replace(BEARER, '$1[redacted]').replace(TOKEN_FIELDS, '$1[redacted]');
}
