import { z } from "zod";
import { KindName, kindNameSchema } from "./common";
import { fieldSegment } from "./field-path";

/**
 * Plaintext credentials in what a workspace holds: Spark conf and environment variables of clusters and
 * job clusters, job and task parameters, notebook sources. They are reported where they are (kind, object,
 * field; never the value) with the fix, and the stack passes the fields that hold them as Pulumi secrets.
 * Pure: the exporter, the report and the stack all ask this one module.
 */
export const CREDENTIAL_TYPES = [
  "databricks-token",
  "storage-account-key",
  "sas-token",
  "client-secret",
  "access-token",
  "password-like-key",
] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

export const findingSchema = z.object({
  kind: kindNameSchema,
  id: z.string(),
  /** Where: a field path (`spec.spark_conf["fs.azure.account.key.x"]`) or `content:<line>`. */
  field: z.string().min(1),
  type: z.enum(CREDENTIAL_TYPES),
  fix: z.string().min(1),
});
export type Finding = z.infer<typeof findingSchema>;

/** A value is a reference the workspace resolves, not the credential itself. */
const SECRET_REFERENCE = /\{\{\s*secrets\/[^/}]+\/[^}]+\}\}/;

/** Credential shapes that are one whatever the key holding them is called. */
const VALUE_PATTERNS: [CredentialType, RegExp][] = [
  ["databricks-token", /\bd(?:api|ose)[0-9a-f]{32}(?:-\d+)?\b/i],
  [
    "sas-token",
    /\bsv=\d{4}-\d{2}-\d{2}\b[^\s]*?\bsig=[A-Za-z0-9%+/=]{16,}|\bsig=[A-Za-z0-9%+/=]{16,}[^\s]*?\bsv=\d{4}/,
  ],
  // A storage account key: 64 random bytes, base64 (86 characters and "==").
  ["storage-account-key", /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/],
  ["storage-account-key", /\bAccountKey=[A-Za-z0-9+/]{20,}={0,2}/],
  // An Entra ID client secret (three characters, a digit, "Q~", then 31 to 34 more).
  ["client-secret", /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/],
  ["access-token", /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
];

/** Keys whose value is a credential: what the key says it holds decides the type. */
const KEY_TYPES: [CredentialType, RegExp][] = [
  ["storage-account-key", /account[._-]?key|\bstorage[._-]?key|accountkey/i],
  ["sas-token", /(^|[._-])sas([._-]|$)|sas[._-]?token/i],
  ["client-secret", /client[._-]?secret/i],
  [
    "password-like-key",
    /pass(word|wd)?([._-]|$)|(^|[._-])pwd([._-]|$)|secret|token|api[._-]?key|access[._-]?key|private[._-]?key|credential/i,
  ],
];

/** Values that are settings, not credentials, even under a password-like key (`...token.enabled: true`). */
function settingLike(value: string): boolean {
  const v = value.trim();
  return (
    v.length < 4 ||
    /^(true|false|yes|no|on|off|none|null|enabled|disabled|oauth|sas|key|custom)$/i.test(v) ||
    /^-?\d+(\.\d+)?$/.test(v) ||
    /^\$\{[^}]+\}$/.test(v) ||
    // A class name, as Hadoop's provider settings take (`org.apache.hadoop.fs.azurebfs.oauth2.ClientCredsTokenProvider`).
    /^[a-z][a-z0-9_]*(\.[A-Za-z0-9_$]+){2,}$/.test(v)
  );
}

/** The credential a value holds, judged by its shape and, when given, by the name of its key. */
export function credentialIn(value: string, key?: string): CredentialType | undefined {
  if (SECRET_REFERENCE.test(value)) return undefined;
  for (const [type, re] of VALUE_PATTERNS) if (re.test(value)) return type;
  if (key === undefined || settingLike(value)) return undefined;
  // Settings about credentials rather than credentials (`...oauth2.client.id`, `...token.provider.type`).
  if (/(\.|_)(type|enabled|provider|endpoint|id|name|scope|ttl|timeout|path|file|url)$/i.test(key))
    return undefined;
  for (const [type, re] of KEY_TYPES) if (re.test(key)) return type;
  return undefined;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

type Hit = { field: string; type: CredentialType };

/** A command-line flag naming what follows it (`--password`, `-client-secret`). */
const FLAG = /^--?([A-Za-z0-9_.-]+)$/;

/** `["--password", "x"]`, `["--token=x"]`: the flag is the key of the value. */
function walkArgs(items: string[], at: string, key: string | undefined, out: Hit[]) {
  items.forEach((item, i) => {
    const prev = i > 0 ? FLAG.exec(items[i - 1])?.[1] : undefined;
    const eq = /^--?([A-Za-z0-9_.-]+)=(.*)$/s.exec(item);
    const type = eq ? credentialIn(eq[2], eq[1]) : credentialIn(item, prev ?? key);
    if (type) out.push({ field: `${at}[${i}]`, type });
  });
}

/**
 * Every string in the value, with its field path; a string's key (the map entry's name: a Spark conf key, an
 * environment variable, a parameter name) says what it holds. `parameters: [{name, default}]` entries are
 * keyed by their name, command-line arguments by the flag before them.
 */
function walk(v: unknown, at: string, key: string | undefined, out: Hit[]) {
  if (typeof v === "string") {
    const type = credentialIn(v, key);
    if (type) out.push({ field: at, type });
    return;
  }
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === "string")) return walkArgs(v as string[], at, key, out);
    v.forEach((item, i) => {
      if (isObj(item) && typeof item.name === "string" && "default" in item) {
        for (const [k, inner] of Object.entries(item))
          walk(inner, `${at}[${i}]${fieldSegment(k)}`, k === "default" ? item.name : k, out);
      } else walk(item, `${at}[${i}]`, key, out);
    });
    return;
  }
  if (!isObj(v)) return;
  for (const [k, inner] of Object.entries(v)) walk(inner, `${at}${fieldSegment(k)}`, k, out);
}

/** A cluster policy's definition or family overrides (JSON strings): each policy key names the value it fixes. */
function walkPolicy(definition: string, at: string, out: Hit[]) {
  let doc: unknown;
  try {
    doc = JSON.parse(definition);
  } catch {
    return walk(definition, at, undefined, out);
  }
  if (!isObj(doc)) return;
  for (const [k, rule] of Object.entries(doc)) {
    if (!isObj(rule)) continue;
    for (const field of ["value", "defaultValue"] as const) {
      const v = rule[field];
      const type = typeof v === "string" ? credentialIn(v, k) : undefined;
      if (type) out.push({ field: `${at}${fieldSegment(k)}.${field}`, type });
    }
  }
}

const POLICY_DOCUMENTS = new Set(["definition", "policyFamilyDefinitionOverrides"]);

/** Kinds whose descriptors hold settings a person may have put a credential into. */
export const SCANNED_KINDS: ReadonlySet<KindName> = new Set<KindName>([
  "cluster",
  "job",
  "instance-pool",
  "cluster-policy",
  "sql-warehouse",
  "global-init-script",
  "pipeline",
]);

/** Where a descriptor holds plaintext credentials: field paths from its root, with the credential type. */
export function credentialFields(
  kind: KindName,
  descriptor: unknown,
): { field: string; type: CredentialType }[] {
  if (!SCANNED_KINDS.has(kind) || !isObj(descriptor)) return [];
  const out: Hit[] = [];
  for (const [k, v] of Object.entries(descriptor)) {
    // Content references and ids are the tool's, not the workspace's settings.
    if (k === "id" || k === "content") continue;
    if (kind === "cluster-policy" && POLICY_DOCUMENTS.has(k) && typeof v === "string") walkPolicy(v, k, out);
    else walk(v, k, k, out);
  }
  return out;
}

/** Assignments in source code: `password = "..."`, `spark.conf.set("fs.azure.account.key.x", "...")`. */
const ASSIGNMENT =
  /["']?([A-Za-z0-9_.-]*(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|account[._-]?key|sas)[A-Za-z0-9_.-]*)["']?\s*(?:[:=]|,)\s*[rbuf]?["']([^"'\n]{4,})["']/gi;

/** Plaintext credentials in a source text (a notebook, a script), by 1-based line. */
export function credentialLines(text: string): { line: number; type: CredentialType }[] {
  const out: { line: number; type: CredentialType }[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length > 20_000) continue;
    let type: CredentialType | undefined;
    for (const [t, re] of VALUE_PATTERNS)
      if (re.test(line)) {
        type = t;
        break;
      }
    if (!type)
      for (const m of line.matchAll(ASSIGNMENT)) {
        type = credentialIn(m[2], m[1]);
        if (type) break;
      }
    if (type) out.push({ line: i + 1, type });
  }
  return out;
}

const FIX_SETTING =
  "move the value into a secret scope (databricks secrets put-secret <scope> <key>) and reference it as {{secrets/<scope>/<key>}}";
const FIX_SOURCE = "move the value into a secret scope and read it with dbutils.secrets.get(<scope>, <key>)";

/** Findings for credential lines of an object's source. */
export function lineFindings(
  kind: KindName,
  id: string,
  lines: { line: number; type: CredentialType }[],
): Finding[] {
  return lines.map((l) => ({ kind, id, field: `content:${l.line}`, type: l.type, fix: FIX_SOURCE }));
}

/** The findings of one descriptor (settings) and, for sources, of its text. */
export function findingsOf(kind: KindName, descriptor: unknown, source?: string): Finding[] {
  const id = isObj(descriptor) && typeof descriptor.id === "string" ? descriptor.id : "?";
  const out: Finding[] = credentialFields(kind, descriptor).map((f) => ({
    kind,
    id,
    ...f,
    fix: FIX_SETTING,
  }));
  if (source !== undefined) out.push(...lineFindings(kind, id, credentialLines(source)));
  return out;
}

/** The top-level fields (of a descriptor part such as a cluster's `spec`) that hold a credential. */
export function credentialTopFields(kind: KindName, descriptor: unknown, under: string): Set<string> {
  const prefix = `${under}.`;
  const top = new Set<string>();
  for (const f of credentialFields(kind, descriptor)) {
    if (!f.field.startsWith(prefix)) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)|^\["((?:[^"\\]|\\.)*)"\]/.exec(f.field.slice(prefix.length));
    if (m) top.add(m[1] ?? (JSON.parse(`"${m[2]}"`) as string));
  }
  return top;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Stable order for the manifest and reports. */
export function sortFindings(f: Finding[]): Finding[] {
  return [...f].sort(
    (a, b) => cmp(a.kind, b.kind) || cmp(a.id, b.id) || cmp(a.field, b.field) || cmp(a.type, b.type),
  );
}
