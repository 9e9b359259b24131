/** A quiet placeholder while the library answers; announced politely, not as an alert. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}
