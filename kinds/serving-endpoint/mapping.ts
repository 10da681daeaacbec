import type * as databricks from "@pulumi/databricks";
import { ApiObject } from "../common";
import { cloneJson, isPlainObject, toPulumiArgs } from "../../components/mapping/api-args";
import { Mapping, Resolver, skip } from "../../components/mapping/refs";
import { ServingEndpointDescriptor, servedOf, ucCatalogOf } from "./schema";

type Obj = Record<string, unknown>;

/** The smallest workload size the Serving Endpoints API documents (Small: up to 4 concurrent requests). */
export const SMALLEST_WORKLOAD_SIZE = "Small";
/** Provisioned concurrency of the smallest size (the API takes multiples of 4). */
export const SMALLEST_CONCURRENCY = 4;

const SECRET_REF = /\{\{\s*secrets\/([^/}\s]+)\/([^}\s]+?)\s*\}\}/g;

/** Every `{{secrets/scope/key}}` in an external model's provider config, and any plaintext credential field. */
function externalCredentials(model: Obj): { refs: { scope: string; text: string }[]; plaintext: string[] } {
  const refs: { scope: string; text: string }[] = [];
  const plaintext: string[] = [];
  for (const [k, cfg] of Object.entries(model)) {
    if (!k.endsWith("_config") || !isPlainObject(cfg)) continue;
    for (const [f, v] of Object.entries(cfg)) {
      if (typeof v !== "string") continue;
      if (f.endsWith("_plaintext")) plaintext.push(`${k}.${f}`);
      for (const m of v.matchAll(SECRET_REF)) refs.push({ scope: m[1], text: m[0] });
    }
  }
  return { refs, plaintext };
}

/**
 * Whether each served entity can be served in the secondary. `missing` makes the endpoint a skip (creating
 * it would fail there); `notes` are what a person must still do for an endpoint that is created.
 */
export function servedAvailability(
  d: ServingEndpointDescriptor,
  resolve: Resolver,
): { missing: string[]; notes: string[] } {
  const missing: string[] = [];
  const notes: string[] = [];
  for (const { entity, at, legacy } of servedOf(d)) {
    const ext = entity.external_model;
    if (isPlainObject(ext)) {
      const { refs, plaintext } = externalCredentials(ext);
      const label = `${at} external model ${JSON.stringify(ext.name)} (${String(ext.provider)})`;
      if (plaintext.length)
        missing.push(
          `${label} holds a plaintext credential (${plaintext.join(", ")}): put it in a secret scope`,
        );
      for (const r of refs) {
        const scope = resolve({ kind: "secret-scope", id: r.scope, field: `${at}.external_model` });
        if ("missing" in scope)
          missing.push(`${label} needs ${r.text}: secret scope "${r.scope}" is not in the secondary`);
        else
          notes.push(
            `${label} reads ${r.text}: set the key's value in the secondary (values are not exported)`,
          );
      }
      continue;
    }
    const name = legacy ? entity.model_name : entity.entity_name;
    const version = legacy ? entity.model_version : entity.entity_version;
    const label = `${at} ${JSON.stringify(name)}${version !== undefined ? ` version ${String(version)}` : ""}`;
    const catalog = ucCatalogOf(name);
    if (catalog === "system") {
      notes.push(
        `${label} is a Databricks foundation model: check that the secondary's region offers it (not every region does)`,
      );
      continue;
    }
    if (!catalog) {
      missing.push(
        `${label} is a workspace model registry model: the stack replicates the registered model but not its versions (data): copy the version into the secondary's registry (MLflow export-import) or register the model in Unity Catalog, then create the endpoint`,
      );
      continue;
    }
    const r = resolve({
      kind: "uc-catalog",
      id: catalog,
      field: `${at}.${legacy ? "model_name" : "entity_name"}`,
    });
    if ("missing" in r)
      missing.push(`${label}: its catalog "${catalog}" is not in the secondary (${r.missing})`);
    else
      notes.push(
        `${label}: registered model versions are data, not replicated: copy the version into the secondary's "${catalog}" catalog before activation`,
      );
  }
  return { missing, notes };
}

/**
 * The passive policy of an endpoint: while the secondary is passive every served entity that runs on
 * Databricks compute scales to zero at the smallest size (workload size Small, provisioned concurrency at
 * most 4 with minimum 0, minimum provisioned throughput 0), so an idle DR region costs nothing; external
 * models run elsewhere and are left as they are. On activation the primary's config (the descriptor, as
 * exported) is sent again, sizes and all. Returns how many entities were scaled down.
 */
export function applyServingPassive(config: Obj | undefined, activation: boolean): number {
  if (activation || !config) return 0;
  let scaled = 0;
  for (const key of ["served_entities", "served_models"]) {
    const list = Array.isArray(config[key]) ? (config[key] as unknown[]) : [];
    for (const e of list) {
      if (!isPlainObject(e) || isPlainObject(e.external_model)) continue;
      const before = JSON.stringify(e);
      e.scale_to_zero_enabled = true;
      const concurrency =
        e.min_provisioned_concurrency !== undefined || e.max_provisioned_concurrency !== undefined;
      const throughput =
        e.min_provisioned_throughput !== undefined || e.max_provisioned_throughput !== undefined;
      if (concurrency) {
        e.min_provisioned_concurrency = 0;
        e.max_provisioned_concurrency = Math.min(
          Number(e.max_provisioned_concurrency ?? SMALLEST_CONCURRENCY),
          SMALLEST_CONCURRENCY,
        );
      }
      if (throughput) e.min_provisioned_throughput = 0;
      if (!concurrency && !throughput) e.workload_size = SMALLEST_WORKLOAD_SIZE;
      if (JSON.stringify(e) !== before) scaled++;
    }
  }
  return scaled;
}

/** An inference table in a catalog the secondary lacks is left out (creating the endpoint would fail). */
function dropMissingTable(
  holder: Obj | undefined,
  key: string,
  at: string,
  resolve: Resolver,
  notes: string[],
) {
  const t = holder?.[key];
  if (!isPlainObject(t) || typeof t.catalog_name !== "string" || t.catalog_name === "") return;
  const r = resolve({ kind: "uc-catalog", id: t.catalog_name, field: `${at}.${key}.catalog_name` });
  if ("value" in r) return;
  delete holder![key];
  notes.push(
    `${at}.${key}: inference table catalog "${t.catalog_name}" is not in the secondary (${r.missing}): no payload logging there until it is`,
  );
}

/** Provider arguments toPulumiArgs' plural rule misses: `on_update_success` is `onUpdateSuccesses` in the .d.ts. */
function fixNames(args: Obj, settings: ApiObject): void {
  const mail = args.emailNotifications;
  if (isPlainObject(mail) && "onUpdateSuccess" in mail) {
    mail.onUpdateSuccesses = mail.onUpdateSuccess;
    delete mail.onUpdateSuccess;
  }
  // Environment variables are user-keyed maps: their keys are data, never renamed.
  const config = settings.config as Obj | undefined;
  const argConfig = args.config as Obj | undefined;
  for (const [api, arg] of [
    ["served_entities", "servedEntities"],
    ["served_models", "servedModels"],
  ] as const) {
    const src = Array.isArray(config?.[api]) ? (config![api] as Obj[]) : [];
    const dst = Array.isArray(argConfig?.[arg]) ? (argConfig![arg] as Obj[]) : [];
    src.forEach((e, i) => {
      if (isPlainObject(e.environment_vars) && dst[i]) dst[i].environmentVars = { ...e.environment_vars };
    });
  }
}

/**
 * descriptor -> ModelServing args: served entities checked against what the secondary holds (a workspace
 * registry model, a UC model whose catalog is not replicated, an external model whose secret scope is
 * not: skipped and named), the passive scaling applied, inference tables in missing catalogs left out.
 * Pure.
 */
export function servingEndpointArgs(
  d: ServingEndpointDescriptor,
  opts: { activation: boolean; resolve: Resolver },
): Mapping<databricks.ModelServingArgs> {
  const avail = servedAvailability(d, opts.resolve);
  const notes = [...avail.notes];
  if (avail.missing.length)
    return skip(`served entities not in the secondary: ${avail.missing.join("; ")}`, notes);
  const settings = cloneJson(d.settings);
  const config = isPlainObject(settings.config) ? settings.config : undefined;
  dropMissingTable(config, "auto_capture_config", "settings.config", opts.resolve, notes);
  const gateway = isPlainObject(settings.ai_gateway) ? settings.ai_gateway : undefined;
  dropMissingTable(gateway, "inference_table_config", "settings.ai_gateway", opts.resolve, notes);
  const scaled = applyServingPassive(config, opts.activation);
  if (scaled)
    notes.push(
      `${scaled} served entit${scaled === 1 ? "y" : "ies"} scaled to zero at the smallest size while passive (the primary's sizes restored on activation)`,
    );
  const args = toPulumiArgs(settings) as databricks.ModelServingArgs & Obj;
  fixNames(args, settings);
  args.name = d.name;
  return { ok: true, args, notes };
}
