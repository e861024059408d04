"use client";

import { formatDistanceToNowStrict } from "date-fns";
import { formatDateTime, zoneLabel } from "@/lib/dates";
import { useTimeZone } from "./time-zone";

/** "2 min ago", with the exact time (in the organization's time zone) on hover and for assistive tech. */
export function TimeAgo({ date }: { date: Date | string | null | undefined }) {
  const timeZone = useTimeZone();
  if (!date) return <span className="text-slate-500">—</span>;
  const d = typeof date === "string" ? new Date(date) : date;
  const exact = `${formatDateTime(d, timeZone)} ${zoneLabel(d, timeZone)}`;
  const rel = formatDistanceToNowStrict(d, { addSuffix: true }).replace(/ minutes?/, " min").replace(/ seconds?/, " s");
  // The relative text is computed again in the browser a moment later: it may read one second on.
  return (
    <time dateTime={d.toISOString()} title={exact} suppressHydrationWarning>
      {rel}
    </time>
  );
}

/** "(edited)", with when (in the organization's time zone) on hover and for assistive tech. */
export function EditedMark({ date }: { date: Date | string }) {
  const timeZone = useTimeZone();
  const d = typeof date === "string" ? new Date(date) : date;
  const when = `${formatDateTime(d, timeZone)} ${zoneLabel(d, timeZone)}`;
  return (
    <span className="text-xs text-slate-500" title={`Edited ${when}`}>
      (edited<span className="sr-only"> {when}</span>)
    </span>
  );
}
