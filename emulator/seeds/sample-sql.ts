import { createJob } from "../routes/jobs";
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
  lowOrdersAlert: "7d3a2c4e-5f6b-4a7c-8d8e-9f0a1b2c3d4e",
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
  sqlCollection(state, "sql/alerts").set(SAMPLE_SQL.lowOrdersAlert, {
    id: SAMPLE_SQL.lowOrdersAlert,
    display_name: "Orders below 100",
    query_id: SAMPLE_SQL.ordersQuery,
    condition: {
      op: "LESS_THAN",
      operand: { column: { name: "orders" } },
      threshold: { value: { double_value: 100 } },
      empty_result_state: "TRIGGERED",
    },
    custom_subject: "Orders are low",
    notify_on_ok: false,
    seconds_to_retrigger: 3600,
    owner_user_name: owner,
    lifecycle_state: "ACTIVE",
    state: "OK",
    create_time: "2025-01-04T09:00:00Z",
    update_time: "2025-01-04T09:00:00Z",
    trigger_time: "2025-01-05T09:00:00Z",
  });
  // A job that refreshes the query and evaluates the alert every morning (the alert's only schedule).
  createJob(
    state,
    {
      name: "Orders alert refresh",
      schedule: { quartz_cron_expression: "0 0 7 * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" },
      tasks: [
        {
          task_key: "refresh_orders",
          sql_task: { warehouse_id: warehouseId, query: { query_id: SAMPLE_SQL.ordersQuery } },
        },
        {
          task_key: "check_orders",
          depends_on: [{ task_key: "refresh_orders" }],
          sql_task: { warehouse_id: warehouseId, alert: { alert_id: SAMPLE_SQL.lowOrdersAlert } },
        },
      ],
    },
    { creator: owner },
  );
}
