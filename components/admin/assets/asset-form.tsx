"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createAssetAction, updateAssetAction } from "@/lib/actions/assets";
import { ASSET_KINDS, ASSET_KIND_LABELS, type AssetKind } from "@/lib/domain/assets/component-types";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useOptionalAssetVersion } from "./asset-version";

export interface AssetDraft {
  name: string;
  tag: string;
  location: string;
  kind: AssetKind;
}

const FIELDS = ["name", "tag", "location", "kind"] as const;

/**
 * "New asset" (no id) or the asset's details (with id and the version the
 * page was loaded at: a save over someone else's change is refused and the
 * latest is loaded, the input kept). Messages sit under their fields.
 */
export function AssetForm({ id, initial }: { id?: string; initial: AssetDraft }) {
  const router = useRouter();
  const { version, saw } = useOptionalAssetVersion();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    setSaved(false);
    startTransition(async () => {
      const res = id ? await updateAssetAction({ id, version, ...draft }) : await createAssetAction(draft);
      if (!res.ok) {
        const fieldErrors = res.fieldErrors ?? {};
        setErrors(fieldErrors);
        if (!FIELDS.some((f) => fieldErrors[f])) setMessage(res.message);
        if (res.code === "CONFLICT") router.refresh();
        return;
      }
      if (!id) {
        router.push(`/admin/assets/${res.data.id}`);
        return;
      }
      if ("version" in res.data && typeof res.data.version === "number") saw(res.data.version);
      setSaved(true);
      router.refresh();
    });
  }

  const prefix = id ? `asset-${id}` : "asset-new";
  const described = (f: string) => (errors[f]?.length ? `${prefix}-${f}-error` : undefined);
  const input = (f: "name" | "tag" | "location", props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input
      id={`${prefix}-${f}`}
      value={draft[f]}
      onChange={(e) => {
        setDraft({ ...draft, [f]: e.target.value });
        setSaved(false);
      }}
      aria-invalid={errors[f] ? true : undefined}
      aria-describedby={described(f)}
      className={inputClass}
      {...props}
    />
  );

  return (
    <form onSubmit={submit} aria-label={id ? "Asset details" : "New asset"} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${prefix}-name`} label="Name" error={errors.name}>
          {input("name", { maxLength: 100, placeholder: "e.g. db-prod-02" })}
        </Field>
        <Field id={`${prefix}-tag`} label="Tag" error={errors.tag} hint="Asset tag or serial, unique in your organization.">
          {input("tag", { maxLength: 60, placeholder: "e.g. SRV-002", autoCapitalize: "characters" })}
        </Field>
        <Field id={`${prefix}-location`} label="Location" error={errors.location}>
          {input("location", { maxLength: 200, placeholder: "e.g. Rack A3, Frankfurt" })}
        </Field>
        <Field id={`${prefix}-kind`} label="Kind" error={errors.kind}>
          <select
            id={`${prefix}-kind`}
            value={draft.kind}
            onChange={(e) => setDraft({ ...draft, kind: e.target.value as AssetKind })}
            aria-invalid={errors.kind ? true : undefined}
            aria-describedby={described("kind")}
            className={inputClass}
          >
            {ASSET_KINDS.map((k) => (
              <option key={k} value={k}>
                {ASSET_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Notice message={message} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : id ? "Save asset" : "Create asset"}
        </Button>
        {saved ? (
          <p role="status" className="text-sm text-emerald-700">
            Saved.
          </p>
        ) : null}
      </div>
    </form>
  );
}
