import { z } from "zod";
import { KIND_NAMES, kindNameSchema, sha256Hex } from "../kinds/common";

export const skippedSchema = z.object({ kind: kindNameSchema, id: z.string(), reason: z.string().min(1) });
export type Skipped = z.infer<typeof skippedSchema>;

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
  /** sha256 of every descriptor file, so a reader can tell a snapshot was not edited by hand or truncated. */
  hashes: z.record(z.string(), sha256Hex),
  /** Set by an incremental export: what changed since the previous snapshot, per kind. */
  changes: z
    .partialRecord(
      kindNameSchema,
      z.object({ added: z.array(z.string()), changed: z.array(z.string()), removed: z.array(z.string()) }),
    )
    .optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const ALL_KINDS = KIND_NAMES;
