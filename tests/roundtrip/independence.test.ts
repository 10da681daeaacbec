/**
 * The round trip's conversion back to REST and its REST table share no code or table with the forward
 * mapping: none of them reaches components/ (the stack) or kinds/ (the descriptor contract) through its
 * imports, so a wrong name in the stack cannot come back as the right one.
 */
import { forbiddenReach } from "../helpers/import-reach";

const INVERSE = [
  "roundtrip/api-body.ts",
  "roundtrip/rest-names.ts",
  "roundtrip/provider-schema.ts",
  "roundtrip/provider-shape.ts",
  "roundtrip/provider-behaviour.ts",
  "roundtrip/rest-table.ts",
];

it.each(INVERSE)("%s reaches neither the stack's mapping nor the kinds registry", (file) => {
  expect(forbiddenReach(["components", "kinds", "exporters", "verify"], file)).toEqual([]);
});

it("would see the old inverse, built from the stack's pulumiName and MAP_FIELDS", () => {
  const old = 'import { isPlainObject, MAP_FIELDS, pulumiName } from "../components/mapping/api-args";';
  expect(forbiddenReach(["components"], "roundtrip/api-body.ts", old)).toEqual([
    "roundtrip/api-body.ts -> components/mapping/api-args.ts",
  ]);
});
