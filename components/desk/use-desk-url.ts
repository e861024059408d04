"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { deskQueryString, type DeskQuery } from "@/lib/validation/desk";

/** Every change of the desk's view is a navigation: the URL is the state, so links reproduce views. */
export function useDeskUrl(query: DeskQuery) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const go = (overrides: Partial<Record<keyof DeskQuery, unknown>>, keepCursor = false) => {
    const qs = deskQueryString(query, { ...(keepCursor ? {} : { cursor: undefined }), ...overrides });
    startTransition(() => router.push(qs ? `/desk?${qs}` : "/desk"));
  };
  return { go, pending };
}
