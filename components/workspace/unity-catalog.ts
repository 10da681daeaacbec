import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { KindName } from "../../kinds/common";
import type { UcMetastoreDescriptor } from "../../kinds/unity-catalog/metastore";
import type { UcStorageCredentialDescriptor } from "../../kinds/unity-catalog/storage-credential";
import type { UcExternalLocationDescriptor } from "../../kinds/unity-catalog/external-location";
import type { UcConnectionDescriptor } from "../../kinds/unity-catalog/connection";
import type { UcCatalogDescriptor } from "../../kinds/unity-catalog/catalog";
import type { UcSchemaDescriptor } from "../../kinds/unity-catalog/schema";
import type { UcGrant, WorkspaceBinding } from "../../kinds/unity-catalog/grants";
import { GrantedKind, grantsArgs } from "../mapping/uc-grants";
import { storageAccountOf } from "../mapping/uc-locations";
import {
  bindingArgs,
  BUILT_IN_SCHEMAS,
  catalogArgs,
  catalogBindingArgs,
  externalLocationArgs,
  isolation,
  schemaArgs,
  storageCredentialArgs,
} from "../mapping/uc-securables";
import { Mapping, skip } from "../mapping/refs";
import { objectOptions, provisionEach, ReplicaContext, resourceName, skipObject } from "./context";
import { connectorCredentialName, UnityCatalogFoundation } from "./unity-catalog-foundation";
import { setUcState, UcState, ucState } from "./unity-catalog-state";
import { locationDeps, principalDeps, recordLocation } from "./uc-dependencies";

export const UC_NOT_CONFIGURED =
  "databricks-dr:unityCatalog is not set: Unity Catalog is not replicated (see README, Unity Catalog)";

/** Every descriptor of a kind skipped with one reason (Unity Catalog not configured). */
export function skipAll(kind: KindName, items: { id: string }[], ctx: ReplicaContext, reason: string) {
  ctx.report.seen(kind, items.length);
  for (const d of items) skipObject(ctx, kind, d.id, reason);
}

/** The Grants resource of one securable: authoritative, named by the securable's source id. */
export function grantOn(
  ctx: ReplicaContext,
  parent: pulumi.Resource,
  kind: GrantedKind,
  id: string,
  securable: pulumi.Input<string>,
  grants: UcGrant[],
  dependsOn: pulumi.Resource,
): void {
  const args = grantsArgs(kind, securable, grants);
  if (!args) return;
  new databricks.Grants(
    resourceName(`uc-grants:${kind.slice(3)}`, id),
    args,
    objectOptions(ctx, parent, {
      dependsOn: [
        dependsOn,
        ...principalDeps(
          ctx,
          grants.map((g) => g.principal),
        ),
      ],
    }),
  );
}

/** An ISOLATED credential or location is bound to the secondary workspace, as it was to the primary. */
function bindIsolated(
  ctx: ReplicaContext,
  parent: pulumi.Resource,
  state: UcState,
  type: "storage_credential" | "external_location",
  d: { id: string; isolationMode?: string; workspaceBindings?: WorkspaceBinding[] },
  r: pulumi.CustomResource & { name: pulumi.Output<string> },
): void {
  if (isolation(d.isolationMode) !== "ISOLATED") return;
  new databricks.WorkspaceBinding(
    resourceName(`uc-binding:${type}`, d.id),
    bindingArgs(type, r.name, d.workspaceBindings, state.primaryWorkspaceId, state.setup.workspaceId),
    objectOptions(ctx, parent, { dependsOn: [r] }),
  );
}

/**
 * The metastore kind is where Unity Catalog starts: the secondary's own metastore (configured), assigned to
 * the workspace, and the access connector's credential (UnityCatalogFoundation). The primary's metastore
 * descriptor is informational: it is regional and never given to the secondary; its grants are not
 * applied authoritatively, as the secondary's regional metastore may serve other workspaces.
 */
export function provisionUcMetastore(
  items: UcMetastoreDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
): void {
  const setup = ctx.unityCatalog;
  if (!setup) return skipAll("uc-metastore", items, ctx, UC_NOT_CONFIGURED);
  ctx.report.seen("uc-metastore", items.length);
  const primary = items[0];
  const defaultCatalog = setup.config.defaultCatalog ?? primary?.assignment?.defaultCatalogName;
  const foundation = new UnityCatalogFoundation(
    "unity-catalog",
    {
      config: { ...setup.config, defaultCatalog },
      location: setup.location,
      namePrefix: setup.namePrefix,
      workspaceId: setup.workspaceId,
      accessConnectorId: setup.accessConnectorId,
      provider: ctx.provider,
      databricksAuthType: setup.databricksAuthType,
    },
    { parent },
  );
  const state: UcState = {
    setup,
    foundation,
    primaryWorkspaceId: primary?.assignment?.workspaceId,
    schemas: new Map(),
    accounts: new Set(),
    managedTables: [],
    dataToReplicate: [],
  };
  setUcState(ctx, state);
  for (const d of items) {
    ctx.report.replicated("uc-metastore");
    if (setup.config.metastore.mode === "existing" && setup.config.metastore.metastoreId === d.id)
      ctx.report.action(
        "uc-metastore",
        d.id,
        "the secondary is configured with the PRIMARY's metastore: a metastore is regional, use the secondary region's",
      );
    if (d.grants.length)
      ctx.report.action(
        "uc-metastore",
        d.id,
        `metastore grants (${d.grants.map((g) => `${g.principal}: ${g.privileges.join(", ")}`).join("; ")}) are not applied: grant them on the secondary's metastore if it should have them`,
      );
  }
}

/** Maps one descriptor with the location accounts recorded (for the connector's access actions). */
function recordingAccounts<A extends { url?: unknown; storageRoot?: unknown; storageLocation?: unknown }>(
  state: UcState,
  m: Mapping<A>,
): Mapping<A> {
  if (m.ok)
    for (const v of [m.args.url, m.args.storageRoot, m.args.storageLocation])
      if (typeof v === "string") state.accounts.add(storageAccountOf(v) ?? "");
  return m;
}

export function provisionUcStorageCredentials(
  items: UcStorageCredentialDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
): void {
  const state = ucState(ctx);
  if (!state) return skipAll("uc-storage-credential", items, ctx, UC_NOT_CONFIGURED);
  const ready = state.foundation.ready;
  // A primary credential named like the connector's own (storageCredentialName chosen so): that one it is.
  const own = connectorCredentialName(state.setup.config, state.setup.namePrefix);
  ctx.report.seen("uc-storage-credential", items.filter((d) => d.name === own).length);
  for (const d of items.filter((d) => d.name === own)) {
    const r = state.foundation.credential;
    ctx.registry.set("uc-storage-credential", d.id, { resource: r, value: r.name, label: d.name });
    ctx.report.replicated("uc-storage-credential");
    grantOn(ctx, parent, "uc-storage-credential", d.id, r.name, d.grants, r);
  }
  provisionEach(
    "uc-storage-credential",
    items.filter((d) => d.name !== own),
    ctx,
    parent,
    {
      map: (d) => storageCredentialArgs(d, state.setup.accessConnectorId),
      prefix: "uc-credential",
      create: (name, args, opts) => new databricks.StorageCredential(name, args, opts),
      value: (r) => r.name,
      label: (d) => d.name,
      dependsOn: (d) => [...ready, ...principalDeps(ctx, [d.owner])],
      then: (d, _args, r) => {
        grantOn(ctx, parent, "uc-storage-credential", d.id, r.name, d.grants, r);
        bindIsolated(ctx, parent, state, "storage_credential", d, r);
      },
    },
  );
}

export function provisionUcExternalLocations(
  items: UcExternalLocationDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
): void {
  const state = ucState(ctx);
  if (!state) return skipAll("uc-external-location", items, ctx, UC_NOT_CONFIGURED);
  const credentialOf = (d: UcExternalLocationDescriptor) =>
    d.credentialId ? ctx.registry.get("uc-storage-credential", d.credentialId) : undefined;
  provisionEach("uc-external-location", items, ctx, parent, {
    map: (d): Mapping<databricks.ExternalLocationArgs> => {
      const cred = credentialOf(d);
      if (!cred)
        return skip(
          `its storage credential ${JSON.stringify(d.credentialName)}: ${d.credentialId ? ctx.registry.whyMissing("uc-storage-credential", d.credentialId) : "not in the snapshot"}`,
        );
      return recordingAccounts(
        state,
        externalLocationArgs(d, cred.value, state.setup.storageMap, state.setup.secondaryStorageAccount),
      );
    },
    prefix: "uc-location",
    create: (name, args, opts) => new databricks.ExternalLocation(name, args, opts),
    value: (r) => r.name,
    label: (d) => d.name,
    dependsOn: (d) => [
      ...state.foundation.ready,
      ...(credentialOf(d)?.resource ? [credentialOf(d)!.resource!] : []),
      ...principalDeps(ctx, [d.owner]),
    ],
    then: (d, _args, r) => {
      recordLocation(state, r);
      grantOn(ctx, parent, "uc-external-location", d.id, r.name, d.grants, r);
      bindIsolated(ctx, parent, state, "external_location", d, r);
    },
  });
}

/** Connections hold credentials the snapshot never has: re-created by hand (their options are listed). */
export function provisionUcConnections(items: UcConnectionDescriptor[], ctx: ReplicaContext): void {
  if (!ucState(ctx)) return skipAll("uc-connection", items, ctx, UC_NOT_CONFIGURED);
  ctx.report.seen("uc-connection", items.length);
  for (const d of items)
    skipObject(
      ctx,
      "uc-connection",
      d.id,
      `a ${d.connectionType} connection holds credentials the snapshot never has: create it in the secondary${d.secretOptions.length ? ` with ${d.secretOptions.join(", ")}` : ""}`,
    );
}

export function provisionUcCatalogs(
  items: UcCatalogDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
): void {
  const state = ucState(ctx);
  if (!state) return skipAll("uc-catalog", items, ctx, UC_NOT_CONFIGURED);
  provisionEach("uc-catalog", items, ctx, parent, {
    map: (d) => {
      const conn = d.connectionId ? ctx.registry.get("uc-connection", d.connectionId)?.value : undefined;
      return recordingAccounts(state, catalogArgs(d, state.setup.storageMap, conn));
    },
    prefix: "uc-catalog",
    create: (name, args, opts) => new databricks.Catalog(name, args, opts),
    value: (r) => r.name,
    label: (d) => d.name,
    dependsOn: (d) => [...state.foundation.ready, ...locationDeps(state), ...principalDeps(ctx, [d.owner])],
    then: (d, _args, r) => {
      grantOn(ctx, parent, "uc-catalog", d.id, r.name, d.grants, r);
      if (isolation(d.isolationMode) === "ISOLATED")
        new databricks.CatalogWorkspaceBinding(
          resourceName("uc-catalog-binding", d.id),
          catalogBindingArgs(r.name, d.workspaceBindings, state.primaryWorkspaceId, state.setup.workspaceId),
          objectOptions(ctx, parent, { dependsOn: [r] }),
        );
    },
  });
}

/**
 * Schemas: `information_schema` and `default` come with every catalog, so they are adopted by name (their
 * grants applied), never created.
 */
export function provisionUcSchemas(
  items: UcSchemaDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
): void {
  const state = ucState(ctx);
  if (!state) return skipAll("uc-schema", items, ctx, UC_NOT_CONFIGURED);
  const catalogOf = (d: UcSchemaDescriptor) => ctx.registry.get("uc-catalog", d.catalogId);
  const builtIn = items.filter((d) => BUILT_IN_SCHEMAS.has(d.name));
  ctx.report.seen("uc-schema", builtIn.length);
  for (const d of builtIn) {
    const cat = catalogOf(d);
    if (!cat) {
      skipObject(
        ctx,
        "uc-schema",
        d.id,
        `its catalog: ${ctx.registry.whyMissing("uc-catalog", d.catalogId)}`,
      );
      continue;
    }
    if (d.name === "information_schema") {
      ctx.report.replicated("uc-schema");
      continue;
    }
    const fullName = pulumi.interpolate`${cat.value}.${d.name}`;
    state.schemas.set(d.id, { catalogName: cat.value, schemaName: d.name });
    ctx.registry.set("uc-schema", d.id, { resource: cat.resource, value: fullName, label: d.fullName });
    ctx.report.replicated("uc-schema");
    if (cat.resource) grantOn(ctx, parent, "uc-schema", d.id, fullName, d.grants, cat.resource);
  }
  provisionEach(
    "uc-schema",
    items.filter((d) => !BUILT_IN_SCHEMAS.has(d.name)),
    ctx,
    parent,
    {
      map: (d): Mapping<databricks.SchemaArgs> => {
        const cat = catalogOf(d);
        if (!cat) return skip(`its catalog: ${ctx.registry.whyMissing("uc-catalog", d.catalogId)}`);
        return recordingAccounts(state, schemaArgs(d, cat.value, state.setup.storageMap));
      },
      prefix: "uc-schema",
      create: (name, args, opts) => new databricks.Schema(name, args, opts),
      dependsOn: (d) => [...locationDeps(state), ...principalDeps(ctx, [d.owner])],
      value: (r) => pulumi.interpolate`${r.catalogName}.${r.name}`,
      label: (d) => d.fullName,
      then: (d, _args, r) => {
        state.schemas.set(d.id, { catalogName: r.catalogName, schemaName: r.name });
        grantOn(ctx, parent, "uc-schema", d.id, pulumi.interpolate`${r.catalogName}.${r.name}`, d.grants, r);
      },
    },
  );
}
