import type { StackState } from "./apply-mocks";
import { UC_TYPES } from "./rest-uc";

/**
 * Verify keys (`uc-table:<full name>`) of the views in the stack's state: the round trip creates them
 * without their columns (CREATE VIEW derives those by running the definition; the emulator runs no SQL,
 * see rest-uc.ts), so their differences are shown apart, listed, not counted. Read from the state, not
 * the log: a view left unchanged by a later run is still one the round trip could only partly apply.
 */
export function partlyAppliedKeys(state: StackState): string[] {
  return [...state.values()]
    .filter((r) => r.type === UC_TYPES.table && r.inputs.tableType === "VIEW")
    .map((r) => `uc-table:${r.id}`)
    .sort();
}
