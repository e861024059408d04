"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { FieldErrors } from "@/lib/errors";

/**
 * Runs a ticket server action and reports what happened. A refused or stale
 * change (CONFLICT, FORBIDDEN, NOT_FOUND, INVALID_TRANSITION) shows why and
 * reloads the current state — never a silent no-op.
 */
export function useTicketAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  function run<T>(action: () => Promise<ActionResult<T>>, onOk?: (data: T) => void) {
    setError(null);
    setFieldErrors({});
    return new Promise<boolean>((resolve) => {
      startTransition(async () => {
        const res = await action();
        if (res.ok) {
          onOk?.(res.data);
          router.refresh();
          resolve(true);
          return;
        }
        setError(res.message);
        setFieldErrors(res.fieldErrors ?? {});
        if (res.code !== "VALIDATION") router.refresh();
        resolve(false);
      });
    });
  }

  return { run, pending, error, fieldErrors, setError };
}
