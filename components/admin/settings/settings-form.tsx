"use client";

import { useState, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { updateOrganizationSettingsAction } from "@/lib/actions/organization-settings";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { PRIORITY_LABELS } from "@/lib/domain/tickets/labels";
import type { Priority } from "@/lib/generated/prisma/enums";

const PRIORITY_OPTIONS = (Object.entries(PRIORITY_LABELS) as [Priority, string][]).map(([value, label]) => ({ value, label }));

export interface SettingsFormValues {
  name: string;
  timeZone: string;
  defaultPriority: string;
  requestersMayCreateTags: boolean;
  requestersMayRegister: boolean;
  /** As typed: a number of MB. */
  attachmentMaxMb: string;
  allowedFileTypes: string[];
}

const FIELDS = ["name", "timeZone", "defaultPriority", "requestersMayCreateTags", "requestersMayRegister", "attachmentMaxMb", "allowedFileTypes"] as const;

/** A setting that is on or off: its checkbox, what it means, and its message when refused. */
function SwitchField(props: { label: string; hint: ReactNode; hintId: string; checked: boolean; onChange: (on: boolean) => void; error?: string[] }) {
  return (
    <div>
      <label className="flex items-start gap-2 text-sm text-slate-800 max-md:min-h-11 max-md:items-center">
        <input
          type="checkbox"
          checked={props.checked}
          onChange={(e) => props.onChange(e.target.checked)}
          className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600"
          aria-describedby={props.hintId}
        />
        <span className="font-medium">{props.label}</span>
      </label>
      <p id={props.hintId} className="mt-1 pl-6 text-xs break-words text-slate-500">
        {props.hint}
      </p>
      {props.error ? <p className="mt-1 pl-6 text-sm text-red-600">{props.error.join(" ")}</p> : null}
    </div>
  );
}

/** The organization's settings; messages sit under their fields and the input is kept on any refusal. */
export function SettingsForm({
  initial,
  updatedAt,
  timeZones,
  installation,
  signUpUrl,
}: {
  initial: SettingsFormValues;
  updatedAt: string;
  timeZones: string[];
  installation: { maxLabel: string; types: string[] };
  /** The organization's portal sign-up page (/register/[slug]). */
  signUpUrl: string;
}) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    setSaved(null);
    const mb = values.attachmentMaxMb.trim() === "" ? NaN : Number(values.attachmentMaxMb.replace(",", "."));
    startTransition(async () => {
      const res = await updateOrganizationSettingsAction({
        name: values.name,
        timeZone: values.timeZone,
        defaultPriority: values.defaultPriority,
        requestersMayCreateTags: values.requestersMayCreateTags,
        requestersMayRegister: values.requestersMayRegister,
        // NaN reaches the schema as "not a number" and comes back as the field's message.
        attachmentMaxMb: Number.isFinite(mb) ? mb : (values.attachmentMaxMb as unknown as number),
        allowedFileTypes: values.allowedFileTypes,
        updatedAt,
      });
      if (!res.ok) {
        const fe = res.fieldErrors ?? {};
        setErrors(fe);
        if (!FIELDS.some((f) => fe[f])) setMessage(res.message);
        else setMessage(res.code === "VALIDATION" ? null : res.message);
        // Someone else saved meanwhile: take the new version; the input stays for the user to decide.
        if (res.code === "CONFLICT") router.refresh();
        return;
      }
      setSaved(res.data.changed.length ? "Settings saved." : "Nothing changed.");
      router.refresh();
    });
  }

  const aria = (f: string, id: string) => ({ "aria-invalid": errors[f] ? true : undefined, "aria-describedby": errors[f]?.length ? `${id}-error` : undefined });
  const set = (k: keyof SettingsFormValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues({ ...values, [k]: e.target.value });
  const toggleType = (t: string, on: boolean) =>
    setValues({ ...values, allowedFileTypes: on ? installation.types.filter((x) => x === t || values.allowedFileTypes.includes(x)) : values.allowedFileTypes.filter((x) => x !== t) });

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <section aria-labelledby="settings-org" className="space-y-4 rounded-lg bg-white p-5 shadow-xs ring-1 ring-slate-200">
        <h2 id="settings-org" className="text-sm font-semibold text-slate-900">Organization</h2>
        <Field id="settings-name" label="Organization name" error={errors.name} hint="Shown in the header of every page.">
          <input id="settings-name" value={values.name} onChange={set("name")} maxLength={100} className={inputClass} {...aria("name", "settings-name")} />
        </Field>
        <Field id="settings-timeZone" label="Time zone" error={errors.timeZone} hint="Dates and times are shown in this zone.">
          <select id="settings-timeZone" value={values.timeZone} onChange={set("timeZone")} className={inputClass} {...aria("timeZone", "settings-timeZone")}>
            {timeZones.map((z) => (
              <option key={z} value={z}>
                {z.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        </Field>
      </section>

      <section aria-labelledby="settings-tickets" className="space-y-4 rounded-lg bg-white p-5 shadow-xs ring-1 ring-slate-200">
        <h2 id="settings-tickets" className="text-sm font-semibold text-slate-900">Tickets</h2>
        <Field id="settings-defaultPriority" label="Default priority" error={errors.defaultPriority} hint="Preselected on new requests.">
          <select id="settings-defaultPriority" value={values.defaultPriority} onChange={set("defaultPriority")} className={inputClass} {...aria("defaultPriority", "settings-defaultPriority")}>
            {PRIORITY_OPTIONS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </Field>
        <SwitchField
          label="Requesters may create tags"
          hintId="settings-tags-hint"
          hint="Otherwise only staff create new tags; everyone else applies existing ones."
          checked={values.requestersMayCreateTags}
          onChange={(on) => setValues({ ...values, requestersMayCreateTags: on })}
          error={errors.requestersMayCreateTags}
        />
      </section>

      <section aria-labelledby="settings-portal" className="space-y-4 rounded-lg bg-white p-5 shadow-xs ring-1 ring-slate-200">
        <h2 id="settings-portal" className="text-sm font-semibold text-slate-900">Portal</h2>
        <SwitchField
          label="Requesters may register"
          hintId="settings-register-hint"
          hint={
            <>
              Anyone may then create a requester account at <span className="font-mono text-slate-700">{signUpUrl}</span> and, once they confirm their e-mail
              address, open requests in your support projects. Otherwise only people you invite get an account.
            </>
          }
          checked={values.requestersMayRegister}
          onChange={(on) => setValues({ ...values, requestersMayRegister: on })}
          error={errors.requestersMayRegister}
        />
      </section>

      <section aria-labelledby="settings-files" className="space-y-4 rounded-lg bg-white p-5 shadow-xs ring-1 ring-slate-200">
        <h2 id="settings-files" className="text-sm font-semibold text-slate-900">Attachments</h2>
        <Field id="settings-attachmentMaxMb" label="Attachment size limit (MB)" error={errors.attachmentMaxMb} hint={`Per file. At most ${installation.maxLabel}, this installation's limit.`}>
          <input id="settings-attachmentMaxMb" inputMode="decimal" value={values.attachmentMaxMb} onChange={set("attachmentMaxMb")} className={`${inputClass} max-w-40`} {...aria("attachmentMaxMb", "settings-attachmentMaxMb")} />
        </Field>
        <fieldset aria-describedby={errors.allowedFileTypes?.length ? "settings-types-error" : "settings-types-hint"}>
          <legend className="text-sm font-medium text-slate-800">Allowed file types</legend>
          <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
            {installation.types.map((t) => (
              <label key={t} className="flex items-center gap-1.5 text-sm text-slate-700 max-md:min-h-11 max-md:min-w-11">
                <input type="checkbox" checked={values.allowedFileTypes.includes(t)} onChange={(e) => toggleType(t, e.target.checked)} className="h-4 w-4 rounded border-slate-300 text-brand-600" />
                {t.toUpperCase()}
              </label>
            ))}
          </div>
          {errors.allowedFileTypes?.length ? (
            <p id="settings-types-error" className="mt-1 text-sm text-red-600">{errors.allowedFileTypes.join(" ")}</p>
          ) : (
            <p id="settings-types-hint" className="mt-1 text-xs text-slate-500">Only types this installation accepts can be chosen; each is checked by its content.</p>
          )}
        </fieldset>
      </section>

      <Notice message={message} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save settings"}</Button>
        <p role="status" className="text-sm text-slate-600">{saved}</p>
      </div>
    </form>
  );
}
