import { Router } from "../router";
import { registerClusters } from "./clusters";
import { registerDbfs } from "./dbfs";
import { registerDisasterRecovery } from "./disaster-recovery";
import { registerInitScripts } from "./init-scripts";
import { registerJobs } from "./jobs";
import { registerLibraries } from "./libraries";
import { registerPermissions } from "./permissions";
import { registerPipelines } from "./pipelines";
import { registerPolicies } from "./policies";
import { registerPools } from "./pools";
import { registerRepos } from "./repos";
import { registerScim } from "./scim";
import { registerSecrets } from "./secrets";
import { registerDefaultNamespace } from "./settings-default-namespace";
import { registerSql } from "./sql";
import { registerSqlObjects } from "./sql-objects";
import { registerClusterEvents } from "./cluster-events";
import { registerTokens } from "./tokens";
import { registerUnityCatalog } from "./unity-catalog";
import { registerWorkspace } from "./workspace";
import { registerWorkspaceConf } from "./workspace-conf";

/** Every endpoint family the emulator speaks. */
export function buildRouter(): Router {
  const r = new Router();
  registerScim(r);
  registerWorkspace(r);
  registerRepos(r);
  registerClusters(r);
  registerPolicies(r);
  registerPools(r);
  registerLibraries(r);
  registerJobs(r);
  registerDbfs(r);
  registerInitScripts(r);
  registerPermissions(r);
  registerSecrets(r);
  registerSql(r);
  registerSqlObjects(r);
  registerWorkspaceConf(r);
  registerPipelines(r);
  registerClusterEvents(r);
  registerTokens(r);
  registerDisasterRecovery(r);
  registerUnityCatalog(r);
  registerDefaultNamespace(r);
  return r;
}
