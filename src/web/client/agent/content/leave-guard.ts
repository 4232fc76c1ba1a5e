// Asks before an editor with unsaved changes is left: by a link inside the console (the hash
// changes: ContentApp asks `allows()`), or by reloading, closing or going to another page (the
// browser's own question, through beforeunload). One editor is open at a time, so one message.
let unsaved: string | null = null;

export const leaveGuard = {
  /** The question to ask before leaving, or null when nothing would be lost. */
  set(message: string | null): void {
    unsaved = message;
  },
  /** True when nothing is unsaved, or the person confirms they want to leave. */
  allows(): boolean {
    return unsaved === null || window.confirm(unsaved);
  },
};

window.addEventListener('beforeunload', (e) => {
  if (unsaved === null) return;
  e.preventDefault();
  e.returnValue = ''; // older browsers ask only when this is set
});
