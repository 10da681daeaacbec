/**
 * Where a provider input's name is not its REST field's name in snake_case: listed once, for the round
 * trip's conversion back to REST bodies (roundtrip/api-body.ts). Each entry is checked by
 * tests/roundtrip/rest-names.test.ts: some provider type matching `types` declares `prop`
 * (@pulumi/databricks .d.ts), and `rest` is a field the emulator's routes read or the recorded fixtures
 * hold, or, where neither holds it, the REST reference page given in `doc` names it.
 */
export interface RestName {
  /** Provider input type names (`JobTask`, `JobEmailNotifications`, `PermissionsArgs`) the rename holds in. */
  types: RegExp;
  prop: string;
  rest: string;
  /** The REST reference naming `rest`, for fields neither the emulator nor the fixtures spell out. */
  doc?: string;
}

const JOBS_DOC = "https://docs.databricks.com/api/azure/workspace/jobs/create";
const NOTIFICATIONS = /(Email|Webhook)Notifications$/;

export const REST_NAMES: readonly RestName[] = [
  // The provider pluralises list blocks the API names in the singular.
  { types: /^JobTask(ForEachTaskTask)?$/, prop: "dependsOns", rest: "depends_on" },
  { types: NOTIFICATIONS, prop: "onStarts", rest: "on_start", doc: JOBS_DOC },
  { types: NOTIFICATIONS, prop: "onSuccesses", rest: "on_success", doc: JOBS_DOC },
  { types: NOTIFICATIONS, prop: "onFailures", rest: "on_failure" },
  {
    types: NOTIFICATIONS,
    prop: "onDurationWarningThresholdExceededs",
    rest: "on_duration_warning_threshold_exceeded",
    doc: JOBS_DOC,
  },
  {
    types: NOTIFICATIONS,
    prop: "onStreamingBacklogExceededs",
    rest: "on_streaming_backlog_exceeded",
    doc: JOBS_DOC,
  },
  // A Managed DR location mapping's per-region URIs (LocationMapping.uri_by_region in the API).
  {
    types: /^DisasterRecoveryFailoverGroupUnityCatalogAssetsLocationMapping$/,
    prop: "uriByRegions",
    rest: "uri_by_region",
  },
  // git_source drops the git_ prefix in the provider.
  { types: /^JobGitSource$/, prop: "url", rest: "git_url", doc: JOBS_DOC },
  { types: /^JobGitSource$/, prop: "provider", rest: "git_provider", doc: JOBS_DOC },
  { types: /^JobGitSource$/, prop: "branch", rest: "git_branch", doc: JOBS_DOC },
  { types: /^JobGitSource$/, prop: "tag", rest: "git_tag", doc: JOBS_DOC },
  { types: /^JobGitSource$/, prop: "commit", rest: "git_commit", doc: JOBS_DOC },
  // Serving endpoints' email notifications: the provider pluralises, the API does not.
  { types: /^ModelServingEmailNotifications$/, prop: "onUpdateFailures", rest: "on_update_failure" },
  {
    types: /^ModelServingEmailNotifications$/,
    prop: "onUpdateSuccesses",
    rest: "on_update_success",
    doc: "https://docs.databricks.com/api/azure/workspace/servingendpoints/create",
  },
  // Resources whose arguments are named apart from their REST body.
  { types: /^PermissionsArgs$/, prop: "accessControls", rest: "access_control_list" },
  { types: /^RepoArgs$/, prop: "gitProvider", rest: "provider" },
  { types: /^SecretScopeArgs$/, prop: "name", rest: "scope" },
  { types: /^SecretScopeArgs$/, prop: "keyvaultMetadata", rest: "backend_azure_keyvault" },
  { types: /^SecretScopeArgs$/, prop: "backendType", rest: "scope_backend_type" },
];

/** The REST name of input `prop` of provider type `typeName` when it is irregular, else undefined. */
export function restName(typeName: string, prop: string): string | undefined {
  return REST_NAMES.find((r) => r.prop === prop && r.types.test(typeName))?.rest;
}
