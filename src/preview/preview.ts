// placeholder: replaced by the task pane / functions work
// Development page: runs the task pane against an in-memory fake workbook, without Office.js.
// Don't import src/functions/functions.ts here (its bundle calls the CustomFunctions global).

export {};

const status = document.getElementById("status");
if (status) status.textContent = "Forhåndsvisningen er ikke laget ennå.";
