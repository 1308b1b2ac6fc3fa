// Vitest global setup: generate the bundled dataset (and the suggestion computed from it) before
// any test imports it.
import { generateBuildData } from "../src/build/generate-dataset.js";

export default async function setup(): Promise<void> {
  await generateBuildData();
}
