import { WorkspaceState } from "../state/workspace-state";
import { SAMPLE_IDS, SampleContext, SAMPLE_T0 } from "./sample-ids";
import { addSampleCompute } from "./sample-compute";
import { addSampleJobs } from "./sample-jobs";
import { addSamplePeople } from "./sample-people";
import { addSamplePermissions } from "./sample-permissions";
import { addSampleSettings } from "./sample-settings";
import { addSampleTree } from "./sample-tree";
import { buildSampleUc } from "./sample-uc";
import { buildSampleSql } from "./sample-sql";
import { buildSampleServing } from "./sample-serving";
import { buildSampleIpLists } from "./sample-ip-lists";
import { buildSampleDashboards } from "./sample-dashboards";
import { buildSampleMlflow } from "./sample-mlflow";

export { SAMPLE_IDS, SAMPLE_SECRET_VALUES, SAMPLE_T0 } from "./sample-ids";

/**
 * A small but realistic workspace: every kind the exporter reads, the references between them, and the
 * quirks that matter (job clusters and SQL/pipeline clusters to skip, nested groups, a notebook imported
 * from .ipynb, an awkward but legal name, Key Vault scopes, inherited folder ACLs). Each family is a
 * sample-<family>.ts part, called here in order (the order fixes ids and timestamps). This is the tests'
 * one sample world too: tests/helpers/sample-world.ts exports it, so a part added here reaches them.
 */
export function buildSample(state: WorkspaceState): void {
  let t = SAMPLE_T0;
  const ctx: SampleContext = { state, tick: () => (t += 3600_000), people: addSamplePeople(state) };
  const tree = addSampleTree(ctx);
  addSampleCompute(ctx);
  addSampleJobs(ctx);
  addSampleSettings(ctx);
  addSamplePermissions(ctx, tree);
  buildSampleUc(state, SAMPLE_IDS.spApplicationId);
  buildSampleSql(state, SAMPLE_IDS.warehouse, ctx.people.alice.userName);
  buildSampleServing(state, ctx.people.alice.userName);
  buildSampleIpLists(state);
  buildSampleDashboards(state, SAMPLE_IDS.warehouse, ctx.people.alice.userName);
  buildSampleMlflow(
    state,
    { alice: ctx.people.alice.userName, bob: ctx.people.bob.userName, scientists: "data-scientists" },
    SAMPLE_T0,
  );
}
