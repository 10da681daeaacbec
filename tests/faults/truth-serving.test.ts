/**
 * Fault-suite truth for model serving endpoints: the emulator's endpoints (its state, captured before the
 * export) must be in the snapshot by id with their served entities, routes and tags, and their own grants,
 * or skipped with a reason; the platform's pay-per-token endpoint must be skipped.
 */
import { SAMPLE_SERVING } from "../../emulator/seeds/sample-serving";
import { editSnapshot } from "./helpers";
import { useSampleTruth } from "./truth-harness";

type Item = Record<string, unknown> & { id: string };

const truth = useSampleTruth();
const losses = (dir: string) => truth.losses(dir).filter((l) => /serving/.test(l.kind + l.id));
const copy = () => truth.copy();

const idOf = (name: string) => String(truth.emu.state.servingEndpoints.get(name)!.id);

it("the truth holds every endpoint of the emulator, and a complete export passes", () => {
  expect(truth.primary.serving.map((t) => t.id).sort()).toEqual(
    [...truth.emu.state.servingEndpoints.values()].map((e) => String(e.id)).sort(),
  );
  expect(truth.primary.serving.find((t) => t.platform)?.name).toBe(SAMPLE_SERVING.payPerToken);
  expect(truth.losses(copy())).toEqual([]);
});

it("an endpoint missing, a served entity resized, traffic moved or a tag lost is a loss", () => {
  const [gone, churn, fraud] = [SAMPLE_SERVING.llama, SAMPLE_SERVING.churn, SAMPLE_SERVING.fraud].map(idOf);
  const dir = copy();
  editSnapshot(dir, "serving-endpoint", (items: Item[]) =>
    items
      .filter((i) => i.id !== gone)
      .map((i) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a descriptor edited by hand
        const s = structuredClone(i.settings) as Record<string, any>;
        if (i.id === churn) {
          s.config.served_entities[0].workload_size = "Small";
          s.tags = s.tags.slice(1);
        }
        if (i.id === fraud) for (const r of s.config.traffic_config.routes) r.traffic_percentage = 50;
        return { ...i, settings: s };
      }),
  );
  expect(
    losses(dir)
      .map((l) => `${l.id} ${l.what.split(" ")[0]}`)
      .sort(),
  ).toEqual([`${gone} neither`, `${churn} served`, `${churn} tags`, `${fraud} traffic`].sort());
});

it("the platform's endpoint exported instead of skipped, or a grant lost, is a loss", () => {
  const dir = copy();
  const ppt = idOf(SAMPLE_SERVING.payPerToken);
  editSnapshot(
    dir,
    "permissions",
    (items: Item[]) =>
      items.map((i) =>
        i.id === `serving-endpoints:${idOf(SAMPLE_SERVING.churn)}`
          ? { ...i, acl: (i.acl as unknown[]).slice(1) }
          : i,
      ),
    (m) => {
      m.skipped = (m.skipped as { id: string }[]).filter((x) => x.id !== ppt);
    },
  );
  const found = truth.losses(dir).map((l) => `${l.kind} ${l.what}`);
  expect(found).toContainEqual(expect.stringMatching(/^serving-endpoint .*neither skipped nor explained/));
  expect(found).toContainEqual(expect.stringMatching(/^permissions grant .* lost/));
});
