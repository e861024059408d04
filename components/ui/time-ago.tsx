import { formatDistanceToNowStrict, format } from "date-fns";

/** "2 min ago", with the exact time on hover and for assistive tech. */
export function TimeAgo({ date }: { date: Date | null | undefined }) {
  if (!date) return <span className="text-slate-400">—</span>;
  const exact = format(date, "yyyy-MM-dd HH:mm");
  const rel = formatDistanceToNowStrict(date, { addSuffix: true }).replace(/ minutes?/, " min").replace(/ seconds?/, " s");
  return (
    <time dateTime={date.toISOString()} title={exact}>
      {rel}
    </time>
  );
}
