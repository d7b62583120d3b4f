/**
 * A view's ticket count in the rail: "999+" past the cap, nothing while unknown or for searches.
 * Hidden from assistive technology so a view's accessible name stays its name (the queue it opens
 * says how many it shows).
 */
export function QueueCount({ count, cap }: { count: number | null; cap: number }) {
  if (count === null) return null;
  return (
    <span className="kefu-view-count" aria-hidden="true" data-testid="view-count">
      {count > cap ? `${cap}+` : String(count)}
    </span>
  );
}
