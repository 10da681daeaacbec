import { z } from "zod";
import type { Ref } from "../common";
import { securableBase } from "./grants";
import { inSchema, schemaRef } from "./schema";

/**
 * A function (`GET /api/2.1/unity-catalog/functions?catalog_name=&schema_name=`). Id: `function_id`.
 * `definition` is the FunctionInfo's settings as the API spells them (input_params, data_type,
 * full_data_type, return_params, routine_body, routine_definition, routine_dependencies, parameter_style,
 * is_deterministic, sql_data_access, is_null_call, security_type, specific_name, external_language,
 * external_name, sql_path, properties), without the read-only fields.
 */
export const ucFunctionDefinition = z.looseObject({
  routine_body: z.string().optional(),
  routine_definition: z.string().optional(),
  data_type: z.string().optional(),
  full_data_type: z.string().optional(),
  input_params: z
    .looseObject({ parameters: z.array(z.record(z.string(), z.unknown())).optional() })
    .optional(),
  return_params: z
    .looseObject({ parameters: z.array(z.record(z.string(), z.unknown())).optional() })
    .optional(),
  external_language: z.string().optional(),
  is_deterministic: z.boolean().optional(),
  is_null_call: z.boolean().optional(),
  security_type: z.string().optional(),
  sql_data_access: z.string().optional(),
  parameter_style: z.string().optional(),
  specific_name: z.string().optional(),
});

export const ucFunctionSchema = z.object({
  id: z.string().min(1),
  ...inSchema,
  definition: ucFunctionDefinition,
  ...securableBase,
});
export type UcFunctionDescriptor = z.infer<typeof ucFunctionSchema>;

export const ucFunctionReferences = (d: UcFunctionDescriptor): Ref[] => schemaRef(d);
