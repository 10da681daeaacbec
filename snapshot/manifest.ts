import { z } from "zod";
import { KIND_NAMES, kindNameSchema, sha256Hex } from "../kinds/common";
import { findingSchema } from "../kinds/credentials";

/** What the manifest vouches for about one file. */
export const fileSealSchema = z.object({ sha256: sha256Hex, size: z.number().int().nonnegative() });
export type FileSeal = z.infer<typeof fileSealSchema>;

export const skippedSchema = z.object({ kind: kindNameSchema, id: z.string(), reason: z.string().min(1) });
export type Skipped = z.infer<typeof skippedSchema>;

/**
 * One object family of the workspace: replicated (a kind, counted in `counts`) or not, and then why not.
 * `count` is null when the family could not be listed (refused, not enabled, no list call): unknown, never 0.
 * `atLeast`: the listing stopped paging early, so the family holds `count` objects or more.
 */
export const inventoryEntrySchema = z.object({
  family: z.string().min(1),
  count: z.number().int().nonnegative().nullable(),
  atLeast: z.boolean().optional(),
  status: z.enum(["replicated", "not-replicated", "unknown"]),
  reason: z.string().optional(),
});
export type InventoryEntry = z.infer<typeof inventoryEntrySchema>;

export const manifestSchema = z.object({
  schemaVersion: z.number().int().positive(),
  tool: z.object({ name: z.string(), version: z.string() }),
  source: z.object({ host: z.string() }),
  exportedAt: z.string().datetime(),
  counts: z.partialRecord(kindNameSchema, z.number().int().nonnegative()),
  skipped: z.array(skippedSchema),
  /** Secret keys whose values the secondary needs from Pulumi config: values are never exported. */
  secretsNeeded: z.array(z.object({ scope: z.string(), key: z.string() })),
  /** What the export was asked to include; a later incremental export must use the same. */
  filters: z.object({
    includeKinds: z.array(kindNameSchema).optional(),
    excludeKinds: z.array(kindNameSchema).optional(),
    includePaths: z.array(z.string()).optional(),
    excludePaths: z.array(z.string()).optional(),
  }),
  /**
   * Every file of the snapshot but manifest.json itself (descriptors, content, state), by its path relative
   * to the root: a reader refuses a file that is missing, extra, altered, a symlink or not a regular file.
   */
  files: z.record(z.string(), fileSealSchema),
  /** Set by an incremental export: what changed since the previous snapshot, per kind. */
  changes: z
    .partialRecord(
      kindNameSchema,
      z.object({ added: z.array(z.string()), changed: z.array(z.string()), removed: z.array(z.string()) }),
    )
    .optional(),
  /** Plaintext credentials found in exported settings and sources: where (never the value) and the fix. */
  findings: z.array(findingSchema).optional(),
  /** Set when this export replaced a snapshot with less because it was told to: why, and what went. */
  shrinkAccepted: z
    .object({
      reason: z.string().min(1),
      before: z.number().int().nonnegative(),
      after: z.number().int().nonnegative(),
      emptied: z.array(z.object({ kind: kindNameSchema, before: z.number().int().nonnegative() })),
    })
    .optional(),
  /**
   * How fresh the permissions are: incremental runs re-read every ACL at least every `refreshRuns` runs
   * (state/index.json has when each was read); `oldestReadAt` is the oldest of them.
   */
  acl: z
    .object({
      refreshRuns: z.number().int().positive(),
      run: z.number().int().nonnegative(),
      read: z.number().int().nonnegative(),
      reused: z.number().int().nonnegative(),
      oldestReadAt: z.string().datetime().optional(),
      /** When each run still referenced by state/index.json's `acl.lastRead` ran, by run number. */
      readAt: z.record(z.string().regex(/^\d+$/), z.string().datetime()),
    })
    .optional(),
  /** Every object family the REST API exposes, what the export replicates and what it does not. */
  inventory: z.array(inventoryEntrySchema).optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const ALL_KINDS = KIND_NAMES;
