import { Router } from "../router";
import { registerUcAccount } from "./uc-account";
import { registerUcCatalogs } from "./uc-catalogs";
import { registerUcGrants } from "./uc-grants";
import { registerUcMetastores } from "./uc-metastores";
import { registerUcSharing } from "./uc-sharing";
import { registerUcStorage } from "./uc-storage";
import { registerUcTables } from "./uc-tables";

/** Unity Catalog 2.1 (`/api/2.1/unity-catalog/...`): metastores, storage, catalogs, tables, grants. */
export function registerUnityCatalog(r: Router): void {
  registerUcMetastores(r);
  registerUcStorage(r);
  registerUcCatalogs(r);
  registerUcTables(r);
  registerUcGrants(r);
  registerUcAccount(r);
  registerUcSharing(r);
}
