import type { ApplyLog } from "./apply-mocks";
import { UC_TYPES, VIEW_COLUMNS_NOT_APPLIED } from "./rest-uc";

/**
 * Verify keys (`uc-table:<full name>`) of the views the round trip created without their columns (the
 * emulator runs no SQL to derive them): their differences are shown apart, and listed, not counted. Only
 * this exact reason qualifies; anything else not applied stays a failure of the run.
 */
export function partlyAppliedKeys(log: ApplyLog): string[] {
  return log.notApplied
    .filter((n) => n.type === UC_TYPES.table && n.reason === VIEW_COLUMNS_NOT_APPLIED)
    .map((n) => log.applied.find((a) => a.type === n.type && a.name === n.name)?.id)
    .filter((id): id is string => !!id)
    .map((id) => `uc-table:${id}`)
    .sort();
}
