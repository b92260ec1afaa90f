/**
 * Moving to another page of the app, as a browser does for a new document: the page opens at the
 * top (ScrollRestoration in the layouts; back and forward restore the position) and the focus
 * moves to the new page's heading, so that a screen reader announces it and the next Tab starts
 * from the top of the content instead of from the link that was followed (or from nowhere, when
 * that link is gone). Only a change of path counts: a search typed into the address's query
 * (?q=…, ?buoc=…) keeps the focus where the user is.
 */
import { useEffect, type RefObject } from 'react';
import { useLocation } from 'react-router';

/** The path whose heading last took the focus, or the first page's (which keeps the browser's). */
let settled: string | null = null;

/**
 * Whether the heading of the page at `pathname` should take the focus now: the first time it is
 * shown after moving from another path, never on the page the app was opened at (there the
 * browser's own start, with the skip link first, is right).
 */
export function takesFocus(pathname: string): boolean {
  const first = settled === null;
  const moved = settled !== pathname;
  settled = pathname;
  return !first && moved;
}

/** For tests: forget the pages seen. */
export function resetPageChange(): void {
  settled = null;
}

/** Focuses `heading` when its page was reached by moving from another page of the app. */
export function useFocusOnPageChange(heading: RefObject<HTMLElement | null>): void {
  const location = useLocation();
  useEffect(() => {
    if (takesFocus(location.pathname)) heading.current?.focus();
  }, [location.pathname, heading]);
}
