// Vitest global setup: generate the bundled dataset before any test imports it.
import { generateDataset } from "../src/build/generate-dataset.js";

export default function setup(): void {
  generateDataset();
}
