"use client";

import { useRouter } from "next/navigation";
import { useLive } from "@/components/live/use-live";

const TOPICS = { portal: true } as const;

/** The list of one's own requests follows their changes and answers without reloading (a short list: read again whole). */
export function PortalLive() {
  const router = useRouter();
  useLive(TOPICS, { portal: () => router.refresh(), resync: () => router.refresh() });
  return null;
}
