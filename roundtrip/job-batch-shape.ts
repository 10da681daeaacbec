/**
 * Jobs reach the secondary through JobBatch resources (components/dynamic/job-batch-impl.ts), whose members
 * are Jobs API settings the batch's own provider sends. They are held to the shape the Pulumi databricks
 * provider declares for a job all the same (JobArgs in @pulumi/databricks' job.d.ts and the types it names):
 * each REST field is named back to the provider input it comes from (the declared name in snake_case, or the
 * irregular names of roundtrip/rest-names.ts, the inverse of roundtrip/api-body.ts), a field no input
 * declares is a finding, and the result goes through the check every provider resource gets
 * (roundtrip/provider-shape.ts: scalar types, required inputs). Nothing here comes from the stack's mapping.
 */
import { snake } from "./api-body";
import { inputType, resourceArgs, Shape, TypeDecl } from "./provider-schema";
import { checkResourceInputs, ShapeFinding } from "./provider-shape";
import { restName } from "./rest-names";

const JOB = "databricks:index/job:Job";

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** `{{job:<source id>}}`: the batch writes that job's id there, a number (the Jobs API's job_id). */
const PLACEHOLDER = /^\{\{job:.+\}\}$/;
const JOB_ID_STAND_IN = 1;

function fromRest(v: unknown, shape: Shape, at: string, out: ShapeFinding[]): unknown {
  if (typeof v === "string" && PLACEHOLDER.test(v)) return JOB_ID_STAND_IN;
  if (v === undefined || v === null) return v;
  switch (shape.t) {
    case "array":
      return Array.isArray(v) ? v.map((x, i) => fromRest(x, shape.of, `${at}[${i}]`, out)) : v;
    case "ref": {
      const decl = inputType(shape.name);
      return decl && isObject(v) ? objectFromRest(v, shape.name, decl, at, out) : v;
    }
    case "union": {
      const ref = shape.of.find((s) => s.t === "ref" || s.t === "array" || s.t === "map");
      return ref ? fromRest(v, ref, at, out) : v;
    }
    default:
      // Scalars and user-keyed maps (tags, base_parameters) as they are.
      return v;
  }
}

function objectFromRest(
  body: Record<string, unknown>,
  typeName: string,
  decl: TypeDecl,
  at: string,
  out: ShapeFinding[],
): Record<string, unknown> {
  const byRest = new Map([...decl.keys()].map((p) => [restName(typeName, p) ?? snake(p), p]));
  const inputs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const p = byRest.get(k);
    if (!p) {
      out.push({
        type: JOB,
        path: `${at}.${k}`,
        problem: `unknown field: no input of the provider's ${typeName} is sent as ${k}`,
      });
      continue;
    }
    inputs[p] = fromRest(v, decl.get(p)!.shape, `${at}.${p}`, out);
  }
  return inputs;
}

/** Every shape problem of one job's settings as a JobBatch sends them (empty: the provider declares them). */
export function checkJobSettings(settings: Record<string, unknown>): ShapeFinding[] {
  const args = resourceArgs(JOB)!;
  const out: ShapeFinding[] = [];
  const inputs = objectFromRest(settings, args.name, args.decl, args.name, out);
  return [...out, ...checkResourceInputs(JOB, inputs)];
}

/** Findings of every member of a JobBatch's `jobs` input, each prefixed with the member's source id. */
export function checkJobBatch(jobs: Record<string, Record<string, unknown>>): string[] {
  return Object.entries(jobs).flatMap(([src, s]) =>
    checkJobSettings(s).map((f) => `job ${src}: ${f.path}: ${f.problem}`),
  );
}
