import { readStackConfig } from "./components/config";
import { runProgram } from "./components/program";

// The Pulumi program of both stacks (primary and secondary): config is parsed, and the snapshot validated,
// before any resource is registered. Outputs: workspace URL and resource id, counts per kind, manual actions.
export = async () => runProgram(readStackConfig());
