/**
 * The one redaction of everything that leaves the process (logs, errors, --json, manifest, reports):
 * credentials are scrubbed before text reaches a log, an error message, a file or a report. Patterns cover
 * what Databricks and Azure hand out (PATs, AAD JWTs, Bearer headers, secret-ish JSON fields, query
 * parameters, SAS signatures, storage account keys, Entra ID client secrets, credentials in URLs);
 * `addSecret` adds exact strings (the token actually in use, client secrets) so they are caught whatever
 * they look like. Secrets registered on any Redactor (a client's) are known to every redaction of the
 * process, `redact()` included: an error formatted far from the client still loses the token.
 */
const MASK = "***";

const PATTERNS: [RegExp, string][] = [
  [/(Bearer\s+)[^\s"',;]+/gi, `$1${MASK}`],
  [/\bdapi[0-9a-f]{16,}(-\d+)?\b/gi, `dapi${MASK}`],
  [/\bdose[0-9a-f]{16,}(-\d+)?\b/gi, `dose${MASK}`],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, MASK],
  // Credentials in a URL's authority: https://user:token@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@"'<>]+@/gi, `$1${MASK}@`],
  [
    /("(?:token|token_value|access_token|refresh_token|password|secret|client_secret|azure_client_secret|string_value|bytes_value|private_key|personal_access_token)"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi,
    `$1${MASK}$3`,
  ],
  [/([?&](?:token|access_token|client_secret|password|sig|code)=)[^&\s"']+/gi, `$1${MASK}`],
  [/((?:token|client_secret|password|azure_client_secret)\s*[=:]\s*)(?!\*\*\*)[^\s"',;&]+/gi, `$1${MASK}`],
  // A storage account key (64 bytes in base64), also as a connection string's AccountKey=.
  [/(AccountKey=)[A-Za-z0-9+/]{20,}={0,2}/g, `$1${MASK}`],
  [/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g, MASK],
  // An Entra ID client secret: three characters, a digit, "Q~", 31-34 more.
  [/(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g, MASK],
];

/** Exact values registered anywhere in the process (tokens in use, client secrets). */
const PROCESS_SECRETS = new Set<string>();

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a value that must never appear; values shorter than 6 characters would mask too much. */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 6) {
      this.secrets.add(value);
      PROCESS_SECRETS.add(value);
    }
  }

  redact(text: string): string {
    let out = text;
    // Longest first: a secret that contains another is masked whole.
    const all = [...new Set([...this.secrets, ...PROCESS_SECRETS])].sort((a, b) => b.length - a.length);
    for (const s of all) if (out.includes(s)) out = out.split(s).join(MASK);
    for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
    return out;
  }
}

/**
 * Masks only the exact secrets registered in the process (the token in use, client secrets), none of the
 * patterns: for data that must keep the workspace's own values (descriptors), never this tool's token.
 */
export function redactKnownSecrets(text: string): string {
  let out = text;
  for (const s of [...PROCESS_SECRETS].sort((a, b) => b.length - a.length))
    if (out.includes(s)) out = out.split(s).join(MASK);
  return out;
}

/** Redacts with the built-in patterns and every secret registered in the process. */
export function redact(text: string): string {
  return defaultRedactor.redact(text);
}

/** Registers a value every redaction of the process must mask (a token read from a profile, say). */
export function addProcessSecret(value: string | undefined): void {
  defaultRedactor.addSecret(value);
}

export const defaultRedactor = new Redactor();
