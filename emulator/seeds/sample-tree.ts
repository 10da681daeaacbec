import { createRepo } from "../routes/repos";
import { dbfsWrite } from "../routes/dbfs";
import { WsNode } from "../state/tree";
import { Obj } from "../state/types";
import { addFile, addNotebook } from "./build";
import { SampleContext } from "./sample-ids";

/** Objects of the tree that the sample's permissions name. */
export interface SampleTree {
  awkward: WsNode;
  cfg: WsNode;
  kpis: WsNode;
  makeFeatures: WsNode;
  repo: Obj;
}

/** The workspace tree (notebooks in four languages, files, a library, a repo) and DBFS files. */
export function addSampleTree({ state, tick, people }: SampleContext): SampleTree {
  const { alice, bob, carol } = people;
  const aliceHome = `/Users/${alice.userName}`;
  const bobHome = `/Users/${bob.userName}`;
  const carolHome = `/Users/${carol.userName}`;
  addNotebook(state, `${aliceHome}/etl/ingest_orders`, "PYTHON", PY_INGEST, tick());
  addNotebook(state, `${aliceHome}/scratch/explore`, "SCALA", SCALA_SCRATCH, tick());
  addNotebook(state, `${bobHome}/churn_analysis`, "PYTHON", PY_CHURN, tick(), "JUPYTER");
  const awkward = addNotebook(
    state,
    `${carolHome}/R analysis/Survival – model (v2) été ✓`,
    "R",
    R_SURVIVAL,
    tick(),
  );
  addNotebook(state, "/Shared/etl/bronze_to_silver", "PYTHON", PY_BRONZE, tick());
  addNotebook(state, "/Shared/etl/silver_to_gold", "SCALA", SCALA_GOLD, tick());
  const cfg = addFile(
    state,
    "/Shared/etl/config.yaml",
    "source: abfss://landing@stdrprimary.dfs.core.windows.net/\nformat: delta\n",
    tick(),
  );
  addFile(state, "/Shared/etl/requirements.txt", "pyyaml==6.0.1\nrequests==2.32.3\n", tick());
  const kpis = addNotebook(state, "/Shared/reports/daily_kpis", "SQL", SQL_KPIS, tick());
  addFile(
    state,
    "/Shared/reports/kpis.sql",
    "SELECT order_date, sum(amount) AS revenue FROM gold.orders GROUP BY order_date;\n",
    tick(),
  );
  addFile(
    state,
    "/Shared/init/cluster-init.sh",
    "#!/bin/bash\nset -e\npip install /Workspace/Shared/libs/etl_utils-0.3.0-py3-none-any.whl\n",
    tick(),
  );
  addFile(state, "/Shared/libs/etl_utils-0.3.0-py3-none-any.whl", Buffer.from(WHEEL_BYTES), tick());
  // A legacy workspace library: listed, but LIBRARY objects cannot be exported.
  state.tree.put({ path: "/Shared/libs/legacy-udfs", object_type: "LIBRARY", object_id: state.objectId() });
  const makeFeatures = addNotebook(state, "/Production/MakeFeatures", "PYTHON", PY_FEATURES, tick());

  // Repo with content.
  const repo = createRepo(state, {
    url: "https://github.com/example-org/analytics-pipelines.git",
    provider: "gitHub",
    path: `/Repos/${alice.userName}/analytics-pipelines`,
  });
  addNotebook(state, `${repo.path}/notebooks/train`, "PYTHON", PY_TRAIN, tick());
  addFile(state, `${repo.path}/README.md`, "# analytics-pipelines\n", tick());

  // DBFS: init scripts, a jar, a legacy global init script.
  dbfsWrite(
    state,
    "/databricks/init-scripts/install-deps.sh",
    Buffer.from("#!/bin/bash\napt-get install -y jq\n"),
    false,
    tick(),
  );
  dbfsWrite(state, "/FileStore/jars/etl-udfs-1.2.0.jar", Buffer.from(JAR_BYTES), false, tick());
  dbfsWrite(
    state,
    "/databricks/init/legacy-global.sh",
    Buffer.from("#!/bin/bash\necho legacy\n"),
    false,
    tick(),
  );
  return { awkward, cfg, kpis, makeFeatures, repo };
}

const PY_INGEST = `from pyspark.sql import functions as F

# COMMAND ----------

df = spark.read.format("json").load("abfss://landing@stdrprimary.dfs.core.windows.net/orders/")
df.withColumn("ingested_at", F.current_timestamp()).write.mode("append").saveAsTable("bronze.orders")
`;
const SCALA_SCRATCH = `val df = spark.table("bronze.orders")

// COMMAND ----------

display(df.groupBy("country").count())
`;
const PY_CHURN = `# MAGIC %md
# MAGIC # Churn analysis
# MAGIC Imported from a Jupyter notebook.

# COMMAND ----------

import pandas as pd
pdf = spark.table("gold.customers").toPandas()
pdf.describe()
`;
const R_SURVIVAL = `library(survival)

# COMMAND ----------

fit <- survfit(Surv(time, status) ~ 1, data = lung)
summary(fit)
`;
const PY_BRONZE = `dbutils.widgets.text("env", "dev")
env = dbutils.widgets.get("env")
password = dbutils.secrets.get(scope="etl", key="db-password")

# COMMAND ----------

spark.table("bronze.orders").dropDuplicates(["order_id"]).write.mode("overwrite").saveAsTable("silver.orders")
`;
const SCALA_GOLD = `import org.apache.spark.sql.functions._

// COMMAND ----------

spark.table("silver.orders").groupBy("order_date").agg(sum("amount")).write.mode("overwrite").saveAsTable("gold.daily")
`;
const SQL_KPIS = `SELECT order_date, sum(amount) AS revenue
FROM gold.orders
GROUP BY order_date

-- COMMAND ----------

SELECT count(*) FROM gold.customers
`;
const PY_FEATURES = `features = spark.table("silver.orders").groupBy("customer_id").count()
features.write.mode("overwrite").saveAsTable("gold.features")
`;
const PY_TRAIN = `import mlflow
mlflow.autolog()
`;
// Small binary payloads with bytes that are not valid UTF-8, to catch text handling of binary content.
const WHEEL_BYTES = [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0xff, 0xfe, 0x80, 0x81, 0x00, 0x01];
const JAR_BYTES = [0x50, 0x4b, 0x03, 0x04, 0x0a, 0x00, 0x00, 0x08, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28];
