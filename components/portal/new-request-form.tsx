"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createTicketAction } from "@/lib/actions/tickets";
import { Field, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { AssetPicker, type Choice } from "@/components/ui/search-combobox";
import type { FieldErrors } from "@/lib/errors";
import { TITLE_MAX } from "@/lib/validation/ticket";
import { ItemRowsEditor, blankItem, toItemInput, type ItemRow } from "@/components/changes/item-rows-editor";
import { PRIORITY_LABELS } from "@/lib/domain/tickets/labels";
import type { UploadLimits } from "@/lib/domain/attachments/config";
import { uploadFile } from "@/components/attachments/upload-file";
import { RequestFiles, MAX_REQUEST_FILES, type ChosenFile } from "./request-files";

export interface RequestTypeOption {
  value: string;
  label: string;
}

const PRIORITIES = Object.entries(PRIORITY_LABELS).map(([value, label]) => ({ value, label }));

/**
 * defaultPriority: the organization's (/admin/settings), preselected.
 * uploadLimits: the organization's upload rules, for "Attach files" (null: no files on this form).
 */
export function NewRequestForm({ requestTypes, defaultPriority = "normal", uploadLimits = null }: { requestTypes: RequestTypeOption[]; defaultPriority?: string; uploadLimits?: UploadLimits | null }) {
  const router = useRouter();
  const [values, setValues] = useState({ requestType: requestTypes[0]?.value ?? "", title: "", description: "", priority: defaultPriority, assetId: "" });
  // The target asset is found by typing its tag or name (GET /api/assets/search), never listed.
  const [asset, setAsset] = useState<Choice | null>(null);
  const [items, setItems] = useState<ItemRow[]>([blankItem()]);
  const isChange = values.requestType === "change";
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [attaching, setAttaching] = useState(false);

  /**
   * Sends the chosen files not yet staged (POST /api/uploads?purpose=request:
   * the ticket page's checks) and returns every file's staged id — or null
   * when the server refused one, each refusal shown next to its file.
   */
  async function stageFiles(): Promise<string[] | null> {
    const progress = (key: string, patch: Partial<ChosenFile>) => setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...patch } : f)));
    setAttaching(true);
    const ids = await Promise.all(
      files.map(async (f) => {
        if (f.stagedId) return f.stagedId;
        progress(f.key, { progress: 0, error: null });
        const res = await uploadFile(f.file, { purpose: "request" }, (p) => progress(f.key, { progress: p })).done;
        progress(f.key, res.ok ? { stagedId: res.attachment.id } : { error: res.message });
        return res.ok ? res.attachment.id : null;
      }),
    );
    setAttaching(false);
    return ids.every((id) => id !== null) ? ids : null;
  }

  const set = (key: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  function submit(e: React.FormEvent, submitNow = true) {
    e.preventDefault();
    setFormError(null);
    const fileProblem = files.some((f) => f.refusal)
      ? "Remove the files that cannot be attached, then try again."
      : files.length > MAX_REQUEST_FILES
        ? `Attach at most ${MAX_REQUEST_FILES} files.`
        : null;
    if (fileProblem) {
      setErrors((current) => ({ ...current, files: [fileProblem] }));
      setFormError(fileProblem);
      return;
    }
    const { assetId, ...base } = values;
    const payload = isChange ? { ...base, assetId: assetId || null, items: toItemInput(items), submit: submitNow } : base;
    startTransition(async () => {
      const attachmentIds = files.length ? await stageFiles() : [];
      if (attachmentIds === null) {
        // Nothing was created: the refused files say why; the rest stay sent.
        const message = "Some files could not be attached. Remove them or try again.";
        setErrors((current) => ({ ...current, files: [message] }));
        setFormError(message);
        return;
      }
      const res = await createTicketAction(attachmentIds.length ? { ...payload, attachmentIds } : payload);
      if (res.ok) {
        router.push(`/portal/tickets/${res.data.number}`);
        return;
      }
      const fe = res.fieldErrors ?? {};
      if (fe.attachmentIds) {
        // A staged file went away meanwhile (swept after a day): send them all again next time.
        setFiles((list) => list.map((f) => ({ ...f, stagedId: null, progress: null })));
        fe.files = fe.attachmentIds;
        delete fe.attachmentIds;
      }
      setErrors(fe);
      // Errors on fields this form does not show (a tampered body) are spelled out at the top.
      const shown = /^(requestType|projectKey|title|description|priority|assetId|items|files)(\.|$)/;
      const hidden = Object.entries(fe).filter(([k]) => !shown.test(k)).map(([k, v]) => `${k}: ${v.join(" ")}`);
      setFormError(hidden.length ? `${res.message} ${hidden.join("; ")}` : res.message);
    });
  }

  const invalid = (k: string, ...also: string[]) => ([k, ...also].some((x) => errors[x]?.length) ? { "aria-invalid": true, "aria-describedby": `${k}-error` } : {});

  return (
    <form onSubmit={submit} noValidate className="space-y-5 rounded-lg bg-white p-6 shadow-xs ring-1 ring-slate-200">
      {formError ? (
        <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-inset ring-red-600/20">
          {formError}
        </div>
      ) : null}
      <Field id="requestType" label="Request type" error={errors.requestType ?? errors.projectKey}>
        <select id="requestType" value={values.requestType} onChange={set("requestType")} className={inputClass} {...invalid("requestType", "projectKey")}>
          {requestTypes.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="title" label="Title" error={errors.title} hint={`A short summary, up to ${TITLE_MAX} characters.`}>
        <input id="title" value={values.title} onChange={set("title")} className={inputClass} {...invalid("title")} />
      </Field>
      <Field id="description" label="Description" error={errors.description}>
        <textarea id="description" rows={6} value={values.description} onChange={set("description")} className={inputClass} {...invalid("description")} />
      </Field>
      <Field id="priority" label="Priority" error={errors.priority}>
        <select id="priority" value={values.priority} onChange={set("priority")} className={inputClass} {...invalid("priority")}>
          {PRIORITIES.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </Field>
      {isChange ? (
        <>
          <Field id="assetId" label="Target asset" error={errors.assetId}>
            <AssetPicker
              id="assetId"
              placeholder="Type a server's tag or name…"
              value={asset}
              invalid={!!errors.assetId?.length}
              describedBy={errors.assetId?.length ? "assetId-error" : undefined}
              onPick={(a) => {
                setAsset(a);
                setValues((v) => ({ ...v, assetId: a?.id ?? "" }));
              }}
            />
          </Field>
          <div>
            <h2 className="mb-2 text-sm font-medium text-slate-800">Items</h2>
            <ItemRowsEditor rows={items} onChange={setItems} errors={errors} assetId={values.assetId || null} />
          </div>
        </>
      ) : null}
      {uploadLimits ? (
        <div>
          <h2 className="mb-2 text-sm font-medium text-slate-800">Attachments</h2>
          <RequestFiles
            files={files}
            onChange={(next) => {
              setFiles(next);
              if (errors.files) setErrors(({ files: _, ...rest }) => rest);
            }}
            limits={uploadLimits}
            disabled={pending}
            error={errors.files}
          />
        </div>
      ) : null}
      <div className="flex justify-end gap-2 pt-2">
        {isChange ? (
          <Button type="button" variant="secondary" disabled={pending} onClick={(e) => submit(e, false)}>
            Save draft
          </Button>
        ) : null}
        <Button type="submit" disabled={pending}>
          {attaching ? "Attaching files…" : pending ? "Creating…" : "Create request"}
        </Button>
      </div>
    </form>
  );
}
