import { ApiObject, KindName } from "../kinds/common";
import { cloneJson, isPlainObject } from "../components/mapping/api-args";
import {
  PortEnv,
  portComputeSpec,
  portEnvOf,
  portJobSettings,
  portLibraries,
  portPolicyDocument,
} from "../components/mapping/portability";
import { missingSecretReferences, REFERRING_FIELDS, ReferringKind } from "../components/mapping/secret-refs";
import type { StorageMap } from "../components/mapping/storage-map";
import { servedAvailability } from "../kinds/serving-endpoint/mapping";
import type { Snapshot } from "../snapshot/reader";
import type { StackSettings } from "./stack-config";

/**
 * What the stack will report as manual actions about paths, clouds and secret references, found in the
 * snapshot before `pulumi up`: the same pure functions the stack's mappings call (components/mapping/
 * portability.ts, secret-refs.ts), with the stack settings' storageMap and nodeTypeMap, so the readiness
 * report names each object and field a person must act on.
 */
export interface StackAction {
  kind: KindName;
  id: string;
  /** The field the action is about (`spec.aws_attributes`, `settings.job_clusters[0].new_cluster.node_type_id`). */
  field: string;
  action: string;
  source: "portability" | "secret-reference" | "served-entity";
}

/** The notes of one descriptor, as its kind's mapping makes them (on a copy). */
function portNotes(kind: KindName, d: Record<string, unknown>, env: PortEnv): string[] {
  const notes: string[] = [];
  const c = cloneJson(d) as Record<string, unknown>;
  const obj = (v: unknown): ApiObject => (isPlainObject(v) ? v : {});
  const unportable = (why: string | undefined) => {
    if (why) notes.push(`${why} (the stack skips the object until then)`);
  };
  switch (kind) {
    case "cluster":
      unportable(portComputeSpec(obj(c.spec), "spec", env, notes));
      portLibraries(c.libraries, "libraries", env, notes);
      break;
    case "instance-pool":
      unportable(portComputeSpec(obj(c.spec), "spec", env, notes));
      break;
    case "job":
      unportable(portJobSettings(obj(c.settings), env, notes));
      break;
    case "pipeline": {
      const s = obj(c.settings);
      (Array.isArray(s.clusters) ? s.clusters : []).forEach((cl: unknown, i: number) => {
        if (isPlainObject(cl)) unportable(portComputeSpec(cl, `settings.clusters[${i}]`, env, notes));
      });
      portLibraries(s.libraries, "settings.libraries", env, notes);
      break;
    }
    case "cluster-policy":
      for (const f of ["definition", "policyFamilyDefinitionOverrides"])
        if (typeof c[f] === "string") portPolicyDocument(c[f] as string, f, env, notes);
      portLibraries(c.libraries, "libraries", env, notes);
      break;
    default:
      break;
  }
  return notes;
}

/** A note names its field first (`<field> "<value>" ...`, `<field>.aws_attributes (...) dropped`). */
const fieldOf = (note: string): string => {
  const first = note.split(" ")[0];
  return /^[a-z_]/i.test(first) ? first : "";
};

const PORTED_KINDS: readonly KindName[] = ["cluster", "instance-pool", "job", "pipeline", "cluster-policy"];
/** Only what verify/stack settings say about storage matters here; mounts the stack re-creates keep /mnt. */
export function stackActions(snap: Snapshot, settings?: StackSettings): StackAction[] {
  const env = portEnvOf({
    storageMap: settings?.storageMap as StorageMap | undefined,
    nodeTypeMap: settings?.nodeTypeMap,
    mounts: settings?.mounts,
  });
  const out: StackAction[] = [];
  for (const kind of PORTED_KINDS)
    for (const d of snap.descriptors[kind] as { id: string }[])
      for (const note of portNotes(kind, d as Record<string, unknown>, env))
        out.push({ kind, id: d.id, field: fieldOf(note), action: note, source: "portability" });
  const scopes =
    snap.manifest.counts["secret-scope"] !== undefined ? snap.descriptors["secret-scope"] : undefined;
  for (const kind of Object.keys(REFERRING_FIELDS) as ReferringKind[])
    for (const d of snap.descriptors[kind] as { id: string }[])
      for (const note of missingSecretReferences(kind, d, scopes))
        out.push({ kind, id: d.id, field: fieldOf(note), action: note, source: "secret-reference" });
  // Served entities of serving endpoints the secondary will lack (kinds/serving-endpoint/mapping.ts), by
  // the catalogs and scopes the snapshot holds.
  const held = (k: KindName) => new Set((snap.descriptors[k] as { id: string }[]).map((d) => d.id));
  const holds: Partial<Record<KindName, Set<string>>> = {
    "uc-catalog": held("uc-catalog"),
    "secret-scope": held("secret-scope"),
  };
  for (const d of snap.descriptors["serving-endpoint"]) {
    const a = servedAvailability(d, (r) =>
      holds[r.kind]?.has(r.id) ? { value: r.id } : { missing: "not in the snapshot" },
    );
    for (const note of [...a.missing.map((m) => `${m} (the stack skips the endpoint)`), ...a.notes])
      out.push({
        kind: "serving-endpoint",
        id: d.id,
        field: fieldOf(note),
        action: note,
        source: "served-entity",
      });
  }
  return out;
}

/** One readiness check for them: each is something a person must do before the secondary is ready. */
export function stackActionsCheck(actions: readonly StackAction[]): {
  name: string;
  level: "ok" | "warn";
  detail: string;
  todo?: string;
}[] {
  const n = (s: StackAction["source"]) => actions.filter((a) => a.source === s).length;
  if (!actions.length)
    return [
      {
        name: "Paths, clouds and secret references",
        level: "ok",
        detail: "every storage path, cloud setting, node type and secret reference is valid in the secondary",
      },
    ];
  return [
    {
      name: "Paths, clouds and secret references",
      level: "warn",
      detail: `${n("portability")} storage path / cloud / node type action(s) and ${n("secret-reference")} secret reference(s) the secondary cannot satisfy (see Manual actions by field)`,
      todo: `settle ${actions.length} path, cloud or secret-reference action(s)`,
    },
  ];
}
