"use client";

import { useSyncExternalStore } from "react";

const noSubscribe = () => () => {};
/** The browser's time zone; null while rendering on the server (then times read in UTC, marked so). */
export function useViewerTimeZone(): string | null {
  return useSyncExternalStore(noSubscribe, () => Intl.DateTimeFormat().resolvedOptions().timeZone, () => null);
}

/** "1 Dec 2026, 14:05" in the viewer's time zone (UTC, marked, until the browser says which), the ISO instant on hover. */
export function LocalTime({ iso }: { iso: string }) {
  const tz = useViewerTimeZone();
  const text = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: tz ?? "UTC" }).format(new Date(iso));
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap">
      {text}
      {tz ? null : " UTC"}
    </time>
  );
}
