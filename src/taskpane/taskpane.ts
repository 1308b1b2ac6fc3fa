// Task pane entry. Runs in the shared runtime (the manifest points the Runtime, the custom
// functions Page and the FunctionFile at taskpane.html), so it must also load quietly where the
// pane is not shown and where Office.js is absent (a plain browser).

import "./taskpane.css";
import { officeHost } from "../excel/host.js";
import { startPane } from "./app.js";

function notice(root: HTMLElement, text: string): void {
  const p = document.createElement("p");
  p.className = "notice";
  p.textContent = text;
  root.replaceChildren(p);
}

const root = document.getElementById("app");
if (root) {
  if (typeof Office === "undefined") {
    notice(root, "Office.js er ikke lastet. Åpne tillegget fra Excel.");
  } else {
    void Office.onReady((info) => {
      if (info.host === Office.HostType.Excel) {
        root.replaceChildren();
        startPane(root, officeHost());
      } else {
        notice(root, "NAV tiltak virker bare i Excel.");
      }
    });
  }
}
