import type { KindVerifySpec } from "../../verify/spec";
import { PRINCIPAL_SETS } from "../../verify/rules";

/** Matched by applicationId (the Entra ID application, the same in every workspace). */
export const SERVICE_PRINCIPAL_VERIFY: KindVerifySpec<"service-principal"> = {
  naturalKey: (d) => d.applicationId,
  assignedIds: false,
  setFields: PRINCIPAL_SETS,
};
