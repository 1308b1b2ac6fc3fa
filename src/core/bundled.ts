// The dataset bundled with the add-in, generated at build time from src/data/publications
// (see src/build/generate-dataset.ts).

import type { Dataset } from "./types.js";
import generated from "../generated/dataset.json";

export const BUNDLED_DATASET: Dataset = generated as Dataset;
