import { permissionsKeyOf } from "../routes/workspace";
import { grant, group, sp, user } from "./build";
import { SAMPLE_IDS, SampleContext } from "./sample-ids";
import { SampleTree } from "./sample-tree";

/** Permissions on every object kind; folder ACLs are inherited by what the folder holds. */
export function addSamplePermissions({ state, people }: SampleContext, tree: SampleTree): void {
  const { alice, bob, carol, dave, etlSp } = people;
  const { awkward, cfg, kpis, makeFeatures, repo } = tree;
  const J = SAMPLE_IDS.jobs;
  const dir = (p: string) => permissionsKeyOf(state.tree.get(p)!);
  grant(
    state,
    dir("/Shared/etl"),
    group("data-engineers", "CAN_MANAGE"),
    group("data-scientists", "CAN_READ"),
  );
  grant(state, dir("/Shared/reports"), group("users", "CAN_RUN"));
  grant(state, permissionsKeyOf(makeFeatures), user(bob.userName, "CAN_EDIT"));
  grant(state, permissionsKeyOf(kpis), group("analytics", "CAN_EDIT"));
  grant(state, permissionsKeyOf(awkward), user(bob.userName, "CAN_READ"));
  grant(state, permissionsKeyOf(cfg), user(carol.userName, "CAN_READ"));
  grant(state, `repos/${repo.id}`, group("data-engineers", "CAN_EDIT"));
  grant(
    state,
    `clusters/${SAMPLE_IDS.sharedCluster}`,
    group("users", "CAN_ATTACH_TO"),
    group("data-engineers", "CAN_RESTART"),
  );
  grant(state, `clusters/${SAMPLE_IDS.analyticsCluster}`, group("data-scientists", "CAN_ATTACH_TO"));
  grant(state, `clusters/${SAMPLE_IDS.etlApiCluster}`, group("data-engineers", "CAN_MANAGE"));
  grant(state, `cluster-policies/${SAMPLE_IDS.personalPolicy}`, group("users", "CAN_USE"));
  grant(
    state,
    `cluster-policies/${SAMPLE_IDS.jobsPolicy}`,
    group("data-engineers", "CAN_USE"),
    sp(etlSp.applicationId, "CAN_USE"),
  );
  grant(state, `instance-pools/${SAMPLE_IDS.generalPool}`, group("data-engineers", "CAN_ATTACH_TO"));
  grant(
    state,
    `jobs/${J.nightlyEtl}`,
    group("data-engineers", "CAN_MANAGE_RUN"),
    group("users", "CAN_VIEW"),
    sp(etlSp.applicationId, "CAN_MANAGE"),
  );
  grant(state, `jobs/${J.hourlyReport}`, group("analytics", "CAN_VIEW"));
  grant(state, `jobs/${J.streaming}`, group("data-engineers", "CAN_MANAGE"));
  grant(
    state,
    `sql/warehouses/${SAMPLE_IDS.warehouse}`,
    group("users", "CAN_USE"),
    group("analytics", "CAN_MANAGE"),
  );
  grant(
    state,
    `pipelines/${SAMPLE_IDS.pipeline}`,
    user(alice.userName, "IS_OWNER"),
    group("data-engineers", "CAN_RUN"),
  );
  state.acls.set("authorization/tokens", [
    group("admins", "CAN_MANAGE"),
    group("data-engineers", "CAN_USE"),
    sp(etlSp.applicationId, "CAN_USE"),
  ]);
  state.acls.set("authorization/passwords", [group("admins", "CAN_USE"), user(dave.userName, "CAN_USE")]);
}
