"use client";

import { useState, useTransition } from "react";
import { saveNotificationPreferencesAction } from "@/lib/actions/notifications";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { CHANNELS, CHANNEL_LABELS, type Channel, type NotificationEvent } from "@/lib/domain/notifications/events";

export interface PreferenceRow {
  event: NotificationEvent;
  label: string;
  description: string;
  channel: Channel;
}

/** One group of radios per event ("Replies": In-app / E-mail / Both / None), saved together. */
export function PreferencesForm({ rows }: { rows: PreferenceRow[] }) {
  const [values, setValues] = useState<Record<string, Channel>>(() => Object.fromEntries(rows.map((r) => [r.event, r.channel])));
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [saved, setSaved] = useState(false);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setFieldErrors({});
    setSaved(false);
    startTransition(async () => {
      const res = await saveNotificationPreferencesAction(values);
      if (!res.ok) {
        setError(res.message);
        setFieldErrors(res.fieldErrors ?? {});
        return;
      }
      setValues(res.data as Record<string, Channel>);
      setSaved(true);
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4">
      <div className="divide-y divide-slate-100 rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
        {rows.map((row) => {
          const err = fieldErrors[row.event];
          return (
            <div
              key={row.event}
              role="radiogroup"
              aria-labelledby={`${row.event}-label`}
              aria-describedby={`${row.event}-desc${err ? ` ${row.event}-error` : ""}`}
              className="grid gap-3 px-4 py-3.5 sm:grid-cols-[1fr_auto] sm:items-center"
            >
              <div>
                <p id={`${row.event}-label`} className="text-sm font-medium text-slate-900">
                  {row.label}
                </p>
                <p id={`${row.event}-desc`} className="text-sm text-slate-500">
                  {row.description}
                </p>
                {err ? (
                  <p id={`${row.event}-error`} className="mt-1 text-sm text-red-600">
                    {err.join(" ")}
                  </p>
                ) : null}
              </div>
              <div className="inline-flex divide-x divide-slate-300 overflow-hidden rounded-md shadow-xs ring-1 ring-slate-300">
                {CHANNELS.map((channel) => {
                  const id = `${row.event}-${channel}`;
                  const checked = values[row.event] === channel;
                  return (
                    <label
                      key={channel}
                      htmlFor={id}
                      className={`cursor-pointer px-3 py-1.5 text-sm font-medium select-none has-[:focus-visible]:outline-2 has-[:focus-visible]:-outline-offset-2 has-[:focus-visible]:outline-brand-600 ${checked ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
                    >
                      <input
                        id={id}
                        type="radio"
                        name={row.event}
                        value={channel}
                        checked={checked}
                        onChange={() => {
                          setSaved(false);
                          setValues((v) => ({ ...v, [row.event]: channel }));
                        }}
                        className="sr-only"
                      />
                      {CHANNEL_LABELS[channel]}
                    </label>
                  );
                })}
              </div>
            </div>
          );
        })}
      </div>
      <Notice message={error} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save preferences"}
        </Button>
        <p role="status" className="text-sm text-emerald-700">
          {saved ? "Preferences saved." : ""}
        </p>
      </div>
    </form>
  );
}
