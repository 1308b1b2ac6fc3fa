import { scenarios, sweep } from "./test/helpers/fault-sweep.js";
const only = process.argv[2];
const list = (await scenarios()).filter((s) => !only || s.name.includes(only));
for (const s of list) {
  const a = performance.now();
  const r = await sweep(s);
  console.log(s.name, r.points, r.userEditsLost, r.userSheetCellsChanged, r.notConverged, r.untrueMessages, ((performance.now() - a) / 1000).toFixed(1) + "s");
  console.log(r.problems.slice(0, 6).join("\n"));
}
