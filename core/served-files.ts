// What the renderer's build may hand a page, shared by both doors that serve it (app:// in the
// desktop app, `corroborate serve`): the maps stay in dist/ for debugging, but a map carries the
// whole source tree, comments included, to anyone who can fetch it.

/** Whether a file of the renderer's build is never served, whatever asks for it. */
export function neverServed(file: string): boolean {
  return /\.map$/i.test(file);
}
