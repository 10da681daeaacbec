import type { KindName } from "../../kinds/common";
import { KindVerifySpec, VERIFY_KINDS } from "../../verify/kinds";
import { stackAddition } from "../../verify/stack-additions";

const spec = (k: KindName) => VERIFY_KINDS[k] as KindVerifySpec<KindName>;
const missing = (k: KindName, d: object) => spec(k).missingByDesign?.(d as never);
const added = (k: KindName, key: string, d: object) =>
  spec(k).addedByStack?.(key, d as never) ?? stackAddition(k, key);
const OWN = "databricks-dr: the secondary's own addresses";

// The README's sections "Unity Catalog", "IP access lists", "Model serving endpoints", "MLflow experiments".
it("only the README's cases are missing by design", () => {
  expect(missing("uc-function", {})).toMatch(/manual action/);
  expect(missing("uc-connection", {})).toMatch(/credentials/);
  expect(missing("uc-table", { tableType: "MANAGED" })).toMatch(/data to replicate/);
  for (const tableType of ["EXTERNAL", "VIEW", "MATERIALIZED_VIEW", "STREAMING_TABLE"])
    expect(missing("uc-table", { tableType })).toBeUndefined();
  expect(missing("ip-access-list", { enabled: false, label: "office" })).toMatch(/disabled in the primary/);
  expect(missing("ip-access-list", { enabled: true, label: OWN })).toMatch(/other region's own-addresses/);
  expect(missing("ip-access-list", { enabled: true, label: "office" })).toBeUndefined();
  const served = (name: string) => ({ settings: { config: { served_entities: [{ entity_name: name }] } } });
  expect(missing("serving-endpoint", served("churn_classifier"))).toMatch(/model registry/);
  expect(missing("serving-endpoint", served("sales.ml.churn"))).toBeUndefined();
  const tags = (value: string) => ({ settings: { tags: [{ key: "mlflow.experimentType", value }] } });
  expect(missing("mlflow-experiment", tags("NOTEBOOK"))).toMatch(/notebook's own experiment/);
  expect(missing("mlflow-experiment", tags("MLFLOW_EXPERIMENT"))).toBeUndefined();
  for (const kind of [
    "uc-catalog",
    "uc-schema",
    "uc-volume",
    "uc-external-location",
    "job",
    "notebook",
  ] as const)
    expect(missing(kind, {})).toBeUndefined();
});

it("only the README's stack additions are extras by design", () => {
  expect(added("uc-storage-credential", "x", { comment: "databricks-dr: access connector" })).toMatch(
    /access connector/,
  );
  expect(added("uc-storage-credential", "x", { comment: "someone's" })).toBeUndefined();
  expect(added("uc-catalog", "x", { comment: "databricks-dr: share" })).toMatch(/Delta Sharing catalog/);
  expect(added("ip-access-list", "ALLOW:x", { label: OWN })).toMatch(/secondary's own addresses/);
  expect(added("ip-access-list", "ALLOW:x", { label: "office" })).toBeUndefined();
  expect(added("job", "databricks-dr: deep-clone managed tables", {})).toMatch(/deep-clone job/);
  expect(added("notebook", "/Shared/databricks-dr/clone", {})).toMatch(/deep-clone/);
  expect(added("job", "nightly", {})).toBeUndefined();
});
