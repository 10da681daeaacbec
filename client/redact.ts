/**
 * Scrubs credentials from text before it reaches a log, an error message or a report. Patterns cover what
 * Databricks and Azure hand out (PATs, AAD JWTs, Bearer headers, secret-ish JSON fields, query parameters);
 * `addSecret` adds exact strings (the token actually in use, client secrets) so they are caught whatever
 * they look like.
 */
const MASK = "***";

const PATTERNS: [RegExp, string][] = [
  [/(Bearer\s+)[^\s"',;]+/gi, `$1${MASK}`],
  [/\bdapi[0-9a-f]{16,}(-\d+)?\b/gi, `dapi${MASK}`],
  [/\bdose[0-9a-f]{16,}(-\d+)?\b/gi, `dose${MASK}`],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, MASK],
  [
    /("(?:token|token_value|access_token|refresh_token|password|secret|client_secret|azure_client_secret|string_value|bytes_value|private_key|personal_access_token)"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi,
    `$1${MASK}$3`,
  ],
  [/([?&](?:token|access_token|client_secret|password|sig|code)=)[^&\s"']+/gi, `$1${MASK}`],
  [/((?:token|client_secret|password|azure_client_secret)\s*[=:]\s*)(?!\*\*\*)[^\s"',;&]+/gi, `$1${MASK}`],
];

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a value that must never appear; values shorter than 6 characters would mask too much. */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 6) this.secrets.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join(MASK);
    for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
    return out;
  }
}

/** Redacts with the built-in patterns only. */
export function redact(text: string): string {
  return defaultRedactor.redact(text);
}

export const defaultRedactor = new Redactor();
