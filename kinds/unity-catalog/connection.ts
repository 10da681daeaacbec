import { z } from "zod";
import { securableBase, stringMap } from "./grants";

/**
 * A Lakehouse Federation connection (`GET /api/2.1/unity-catalog/connections`). Id: `connection_id`.
 * `options` hold what the API returns, minus every value the credential scanner (kinds/credentials.ts)
 * takes for a secret; those keys are named in `secretOptions`, so the secondary's connection is given them
 * from secret config, never from the snapshot.
 */
export const ucConnectionSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  connectionType: z.string().min(1),
  credentialType: z.string().optional(),
  readOnly: z.boolean().optional(),
  options: stringMap,
  /** Option keys whose values were secrets and are not in the snapshot (sorted). */
  secretOptions: z.array(z.string().min(1)),
  properties: stringMap,
  ...securableBase,
});
export type UcConnectionDescriptor = z.infer<typeof ucConnectionSchema>;
