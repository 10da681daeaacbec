export * from "./harness";
export { applyingMocks, unwrapSecrets } from "./apply-mocks";
export type { ApplyLog, ApplyOptions, StackState } from "./apply-mocks";
export { REST_TABLE, NOT_APPLIED } from "./rest-table";
export { apiBody, blockBody, UndeclaredInput } from "./api-body";
export { REST_NAMES } from "./rest-names";
export { writeFixturesWorkspace, FIXTURE_COMPANIONS } from "./fixtures-workspace";

import type { ApplyLog } from "./apply-mocks";

/** Resources applied per type (the last segment of the token: `Job`, `GroupMembers`), created or updated. */
export function appliedByType(log: ApplyLog): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of log.applied) {
    if (a.op === "unchanged") continue;
    const t = a.type.slice(a.type.lastIndexOf(":") + 1);
    out[t] = (out[t] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}
