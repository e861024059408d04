"use client";

import { useSyncExternalStore } from "react";

const noSubscribe = () => () => {};
/** The browser's time zone; null while rendering on the server (then times read in UTC, marked so). */
export function useViewerTimeZone(): string | null {
  return useSyncExternalStore(noSubscribe, () => Intl.DateTimeFormat().resolvedOptions().timeZone, () => null);
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) formats.set(tz, (f = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: tz })));
  return f;
}

/** "1 Dec 2026, 14:05" in the viewer's time zone (UTC, marked, until the browser says which), the ISO instant on hover. */
export function LocalTime({ iso }: { iso: string }) {
  const tz = useViewerTimeZone();
  const text = formatIn(tz ?? "UTC").format(new Date(iso));
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap">
      {text}
      {tz ? null : " UTC"}
    </time>
  );
}
