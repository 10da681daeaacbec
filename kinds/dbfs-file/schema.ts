import { z } from "zod";
import { contentRef } from "../common";

/** A DBFS file that something else needs: a cluster-scoped init script, a library jar or wheel. */
export const dbfsFileSchema = z.object({
  /** `dbfs:/...` as the referrers spell it. */
  id: z.string().regex(/^dbfs:\//, "must start with dbfs:/"),
  path: z.string().startsWith("/"),
  content: contentRef,
});
export type DbfsFileDescriptor = z.infer<typeof dbfsFileSchema>;
