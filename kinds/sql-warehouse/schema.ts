import { z } from "zod";
import { apiShape } from "../common";
import { warehouseSpecSchema } from "../compute-specs";

export const sqlWarehouseSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Settings create/edit accept; state, health, jdbc_url, odbc_params, creator, num_clusters stripped. */
  spec: apiShape(warehouseSpecSchema),
});
export type SqlWarehouseDescriptor = z.infer<typeof sqlWarehouseSchema>;
