import type { z } from "zod";
import { KIND_NAMES, KindName } from "./common";
import type { JobTaskReference, KindContract, NamesOf, Same } from "./define";
import { OBJECT_CONTRACTS, UC_CONTRACTS, WORKSPACE_CONTRACTS } from "./contracts";
import { permissionsKind } from "./permissions";
import { jobReferences } from "./job/schema";

/**
 * The one registry of object kinds: every kind's contract (kinds/define.ts), from the list in
 * kinds/contracts.ts with the `permissions` kind placed after the workspace kinds (its schema is built from
 * that list). The exporter, the stack and verify take their per-kind tables from kinds/modules.ts, typed over
 * KindName, so a kind without a module fails to compile.
 */
export type KindSpec<S extends z.ZodType = z.ZodType, K extends KindName = KindName> = KindContract<K, S>;

/** The job-task fields the contracts name (`jobTaskReferences`): a job references those objects. */
export const JOB_TASK_REFERENCES: readonly JobTaskReference[] = (
  OBJECT_CONTRACTS as readonly KindContract[]
).flatMap((c) => (c.jobTaskReferences ?? []).map((path) => ({ kind: c.name, path })));

const ordered = [...WORKSPACE_CONTRACTS, permissionsKind, ...UC_CONTRACTS] as const;
/** Compile-time check: the contracts are KIND_NAMES, in the same order, each once. */
const ORDER_MATCHES: Same<NamesOf<typeof ordered>, [...typeof KIND_NAMES]> = true;
void ORDER_MATCHES;

/** Every contract in provision order (KIND_NAMES); the job's references include the other kinds' task fields. */
export const KIND_CONTRACTS = ordered.map((c) =>
  c.name === "job"
    ? { ...c, references: (d: Parameters<typeof jobReferences>[0]) => jobReferences(d, JOB_TASK_REFERENCES) }
    : c,
) as unknown as typeof ordered;

type ContractsByName = { [C in (typeof ordered)[number] as C["name"]]: C };

export const KINDS = Object.fromEntries(KIND_CONTRACTS.map((c) => [c.name, c])) as unknown as ContractsByName;

export type Descriptor<K extends KindName> = z.infer<(typeof KINDS)[K]["schema"]>;
export type AnyDescriptor = { [K in KindName]: Descriptor<K> }[KindName];

export function kindSpec<K extends KindName>(k: K): (typeof KINDS)[K] {
  return KINDS[k];
}

/** Kinds in the order they must be provisioned: every kind after the kinds it can reference. */
export const PROVISION_ORDER: readonly KindName[] = KIND_NAMES;
