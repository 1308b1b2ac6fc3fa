// The publication writer lives in the core (the `prikk` command writes with it).
export { writePublication } from "../../src/core/publication-text.js";
