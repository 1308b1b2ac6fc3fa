// placeholder: replaced by the task pane / functions work
// Runs in the shared runtime (manifest: Runtime, Page and FunctionFile all load taskpane.html).
// Must also load where Office.js is absent (the preview page, a plain browser).

function showStatus(text: string): void {
  const status = document.getElementById("status");
  if (status) status.textContent = text;
}

if (typeof Office !== "undefined") {
  void Office.onReady((info) => showStatus(info.host ? "Klar i Excel." : "Klar."));
} else {
  showStatus("Office er ikke tilgjengelig her.");
}
