"use client";

import { describeHistory, type HistoryLike } from "@/lib/domain/tickets/history-text";
import { useTimeZone } from "@/components/ui/time-zone";

/** One history row as a sentence, its times in the viewer's time zone. */
export function HistorySentence({ row }: { row: HistoryLike }) {
  return <>{describeHistory(row, { timeZone: useTimeZone() })}</>;
}
