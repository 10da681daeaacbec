import { sqlCollection } from "../routes/sql-objects";
import { WorkspaceState } from "../state/workspace-state";

/**
 * Databricks SQL objects of the sample workspace, in the current Queries/Alerts API shapes
 * (tests/fixtures/databricks-api/get-query.json, get-alert.json): a query whose parameter takes its values
 * from another query, on the sample's warehouse, owned by a user.
 */
export const SAMPLE_SQL = {
  regionsQuery: "5b1e0a2c-3d4f-4e5a-8b6c-7d8e9f0a1b2c",
  ordersQuery: "6c2f1b3d-4e5a-4f6b-9c7d-8e9f0a1b2c3d",
};

export function buildSampleSql(state: WorkspaceState, warehouseId: string, owner: string): void {
  const queries = sqlCollection(state, "sql/queries");
  const common = {
    create_time: "2025-01-02T09:00:00Z",
    update_time: "2025-01-03T09:00:00Z",
    last_modifier_user_name: owner,
    lifecycle_state: "ACTIVE",
    owner_user_name: owner,
    run_as_mode: "OWNER",
    warehouse_id: warehouseId,
  };
  queries.set(SAMPLE_SQL.regionsQuery, {
    ...common,
    id: SAMPLE_SQL.regionsQuery,
    display_name: "Sales regions",
    description: "",
    query_text: "select distinct region from sales.core.orders",
    catalog: "sales",
    schema: "core",
  });
  queries.set(SAMPLE_SQL.ordersQuery, {
    ...common,
    id: SAMPLE_SQL.ordersQuery,
    display_name: "Orders per day",
    description: "Orders of one region, last 30 days",
    query_text:
      "select to_date(ts) as day, count(1) as orders from sales.core.orders\nwhere region = {{ region }}\ngroup by 1 order by 1",
    tags: ["sales", "daily"],
    apply_auto_limit: true,
    parameters: [
      {
        name: "region",
        title: "Region",
        query_backed_value: { query_id: SAMPLE_SQL.regionsQuery, values: ["EMEA"] },
      },
      { name: "days", title: "Days", numeric_value: { value: 30 } },
    ],
  });
}
