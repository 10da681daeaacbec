import { ApiObject } from "../../kinds/common";
import { fieldSegment } from "../../kinds/field-path";
import { isPlainObject } from "./api-args";
import { mapStoragePath, StorageMap, withDeclaredMounts } from "./storage-map";

/**
 * What makes the primary's compute settings valid in the Azure secondary: paths to the primary's storage
 * (init scripts, libraries) rewritten by databricks-dr:storageMap, other clouds' settings (aws_attributes,
 * gcp_attributes, S3/GCS init scripts) dropped and named, non-Azure node types mapped by
 * databricks-dr:nodeTypeMap. Nothing is sent or left unchanged silently: every change or gap is a note, so a
 * manual action naming the object and the field. Pure; works on the snake_case copy before toPulumiArgs.
 */
export interface PortEnv {
  storage: StorageMap;
  /** Non-Azure node type -> Azure node type. */
  nodeTypes: Record<string, string>;
}

export const NO_PORT: PortEnv = { storage: {}, nodeTypes: {} };

/** Azure Databricks node types are Azure VM sizes: `Standard_DS3_v2`, `Standard_NC6s_v3`, ... */
export const isAzureNodeType = (t: string): boolean => /^Standard_/.test(t);

/** Settings of other clouds: an Azure workspace refuses them. */
const OTHER_CLOUD_FIELDS = ["aws_attributes", "gcp_attributes"] as const;
/** Init script destinations on other clouds' storage. */
const OTHER_CLOUD_SCRIPTS = ["s3", "gcs"] as const;
const SCRIPT_DESTINATIONS = ["volumes", "abfss", "dbfs"] as const;
const LIBRARY_PATHS = ["jar", "whl", "egg", "requirements"] as const;

/** The secondary's spelling of one path, or a note saying why it still points at the primary's storage. */
function portPath(value: unknown, field: string, env: PortEnv, notes: string[]): unknown {
  if (typeof value !== "string") return value;
  const r = mapStoragePath(value, env.storage);
  if (!r.mapped)
    notes.push(
      `${field} ${JSON.stringify(value)} still points at the primary's storage (${r.missing}): add it to databricks-dr:storageMap ("keep" for a GRS account that fails over) or copy the file`,
    );
  return r.path;
}

/** Init scripts (cluster, job cluster, policy-free spec), in place. */
export function portInitScripts(spec: ApiObject, field: string, env: PortEnv, notes: string[]): void {
  if (!Array.isArray(spec.init_scripts)) return;
  const kept: unknown[] = [];
  spec.init_scripts.forEach((s: unknown, i) => {
    const at = `${field}.init_scripts[${i}]`;
    if (!isPlainObject(s)) return void kept.push(s);
    const other = OTHER_CLOUD_SCRIPTS.find((k) => s[k] !== undefined);
    if (other) {
      notes.push(
        `${at}.${other} (${JSON.stringify((s[other] as ApiObject)?.destination)}) dropped: ${other === "s3" ? "S3" : "GCS"} is another cloud's storage; copy the script to a volume or the workspace and add it`,
      );
      return;
    }
    for (const k of SCRIPT_DESTINATIONS) {
      const dest = s[k];
      if (isPlainObject(dest) && typeof dest.destination === "string")
        dest.destination = portPath(dest.destination, `${at}.${k}.destination`, env, notes);
    }
    kept.push(s);
  });
  spec.init_scripts = kept;
}

/** Library paths (cluster, task, policy libraries), in place. */
export function portLibraries(libs: unknown, field: string, env: PortEnv, notes: string[]): void {
  if (!Array.isArray(libs)) return;
  libs.forEach((lib: unknown, i) => {
    if (!isPlainObject(lib)) return;
    for (const k of LIBRARY_PATHS)
      if (typeof lib[k] === "string") lib[k] = portPath(lib[k], `${field}[${i}].${k}`, env, notes);
  });
}

/** A node type the secondary can create, or the reason it cannot. */
function portNodeType(t: string, field: string, env: PortEnv): { value: string } | { missing: string } {
  if (isAzureNodeType(t)) return { value: t };
  const mapped = env.nodeTypes[t];
  if (mapped !== undefined) return { value: mapped };
  return {
    missing: `${field} ${JSON.stringify(t)} is not an Azure node type: map it in databricks-dr:nodeTypeMap (e.g. {${JSON.stringify(t)}: "Standard_DS3_v2"})`,
  };
}

/**
 * A cluster spec (all-purpose cluster, job cluster, task cluster) or a pool spec, in place: other clouds'
 * attributes dropped with a note, node types mapped, init-script paths rewritten. Returns why the spec
 * cannot be created in Azure (an unmapped node type), for the caller to skip the object with.
 */
export function portComputeSpec(
  spec: ApiObject,
  field: string,
  env: PortEnv,
  notes: string[],
): string | undefined {
  for (const k of OTHER_CLOUD_FIELDS)
    if (spec[k] !== undefined) {
      const keys = isPlainObject(spec[k]) ? Object.keys(spec[k] as object).join(", ") : "";
      delete spec[k];
      notes.push(
        `${field}.${k} (${keys}) dropped: ${k === "aws_attributes" ? "AWS" : "GCP"} settings do not apply in Azure; set azure_attributes if availability or spot settings matter`,
      );
    }
  for (const k of ["node_type_id", "driver_node_type_id"]) {
    const t = spec[k];
    if (typeof t !== "string" || t === "") continue;
    const r = portNodeType(t, `${field}.${k}`, env);
    if ("missing" in r) return r.missing;
    if (r.value !== t) {
      spec[k] = r.value;
      notes.push(`${field}.${k} ${JSON.stringify(t)} mapped to ${r.value} (databricks-dr:nodeTypeMap)`);
    }
  }
  portInitScripts(spec, field, env, notes);
  return undefined;
}

type Rule = ApiObject & { value?: unknown; defaultValue?: unknown; values?: unknown };

/**
 * A cluster policy document (definition or family overrides, JSON text): rules on other clouds' attributes
 * dropped, node types mapped (an unmapped fixed one drops its rule, an unmapped allowed one leaves the
 * list), init-script paths rewritten. The text is returned unchanged, byte for byte, when nothing changed.
 */
export function portPolicyDocument(text: string, field: string, env: PortEnv, notes: string[]): string {
  let doc: Record<string, Rule>;
  try {
    doc = JSON.parse(text);
  } catch {
    return text;
  }
  if (!isPlainObject(doc)) return text;
  let changed = false;
  for (const [key, rule] of Object.entries(doc)) {
    if (!isPlainObject(rule)) continue;
    const at = `${field}${fieldSegment(key)}`;
    if (OTHER_CLOUD_FIELDS.some((k) => key === k || key.startsWith(`${k}.`))) {
      delete doc[key];
      changed = true;
      notes.push(`${at} dropped: a rule on another cloud's attributes does not apply in Azure`);
      continue;
    }
    if (key === "node_type_id" || key === "driver_node_type_id") {
      for (const attr of ["value", "defaultValue"] as const) {
        const t = rule[attr];
        if (typeof t !== "string") continue;
        const r = portNodeType(t, `${at}.${attr}`, env);
        if ("value" in r) {
          if (r.value !== t) {
            rule[attr] = r.value;
            changed = true;
          }
          continue;
        }
        delete doc[key];
        changed = true;
        notes.push(`${r.missing}; the rule is dropped until then`);
        break;
      }
      if (doc[key] && Array.isArray(rule.values)) {
        const values: unknown[] = [];
        rule.values.forEach((t: unknown, i) => {
          if (typeof t !== "string") return void values.push(t);
          const r = portNodeType(t, `${at}.values[${i}]`, env);
          if ("value" in r) values.push(r.value);
          else notes.push(`${r.missing}; left out of the list until then`);
        });
        if (JSON.stringify(values) !== JSON.stringify(rule.values)) {
          rule.values = values;
          changed = true;
        }
      }
      continue;
    }
    if (/^init_scripts\.\d+\.(volumes|abfss|dbfs)\.destination$/.test(key))
      for (const attr of ["value", "defaultValue"] as const) {
        const v = rule[attr];
        const p = portPath(v, `${at}.${attr}`, env, notes);
        if (p !== v) {
          rule[attr] = p;
          changed = true;
        }
      }
  }
  return changed ? JSON.stringify(doc) : text;
}

/** The stack's settings as the mappings use them; mounts the stack re-creates keep their /mnt paths. */
export function portEnvOf(s: {
  storageMap?: StorageMap;
  nodeTypeMap?: Record<string, string>;
  mounts?: readonly { name: string }[];
}): PortEnv {
  return {
    storage: withDeclaredMounts(
      s.storageMap ?? {},
      (s.mounts ?? []).map((m) => m.name),
    ),
    nodeTypes: s.nodeTypeMap ?? {},
  };
}

/**
 * A job's settings (snake_case, after reference remapping), in place: job clusters, task clusters and task
 * libraries, for-each inner tasks included. Returns why the job cannot be created in Azure.
 */
export function portJobSettings(settings: ApiObject, env: PortEnv, notes: string[]): string | undefined {
  const list = (v: unknown): ApiObject[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);
  for (const [i, jc] of list(settings.job_clusters).entries())
    if (isPlainObject(jc.new_cluster)) {
      const why = portComputeSpec(jc.new_cluster, `settings.job_clusters[${i}].new_cluster`, env, notes);
      if (why) return why;
    }
  for (const [i, t] of list(settings.tasks).entries()) {
    const inner = isPlainObject(t.for_each_task) ? t.for_each_task.task : undefined;
    const tasks: [ApiObject, string][] = [[t, `settings.tasks[${i}]`]];
    if (isPlainObject(inner)) tasks.push([inner, `settings.tasks[${i}].for_each_task.task`]);
    for (const [task, at] of tasks) {
      if (isPlainObject(task.new_cluster)) {
        const why = portComputeSpec(task.new_cluster, `${at}.new_cluster`, env, notes);
        if (why) return why;
      }
      portLibraries(task.libraries, `${at}.libraries`, env, notes);
    }
  }
  return undefined;
}

/** Storage paths in script text: URIs, and /Volumes or /mnt paths (with dbfs: or /dbfs) not inside a longer path. */
const TEXT_PATH =
  /(?:abfss?|wasbs?):\/\/[^\s"'`;|&()<>]+|(?<![\w./-])(?:dbfs:|\/dbfs)?\/(?:Volumes|mnt)\/[^\s"'`;|&()<>]+/g;

/**
 * A script's text (a global init script): storage paths rewritten by the map, each one it does not cover
 * named by line (`content:<line>`, as credential findings name lines). The text comes back unchanged when
 * nothing was rewritten.
 */
export function portScriptText(text: string, env: PortEnv, notes: string[]): string {
  let changed = false;
  const lines = text.split("\n").map((line, i) =>
    line.replace(TEXT_PATH, (p) => {
      const before = notes.length;
      const out = portPath(p, `content:${i + 1}`, env, notes) as string;
      if (out !== p) changed = true;
      return notes.length > before ? p : out;
    }),
  );
  return changed ? lines.join("\n") : text;
}
