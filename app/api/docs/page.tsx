import type { Metadata } from "next";
import Link from "next/link";
import { openApiDocument } from "@/lib/api/v1/openapi";

export const metadata: Metadata = { title: "API documentation" };

// The REST API's readable documentation, written from the same OpenAPI
// document as /api/v1/openapi.json (itself written from the operations'
// zod schemas): what this page says is what the API enforces.

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  $ref?: string;
  anyOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  default?: unknown;
  format?: string;
  maximum?: number;
  minimum?: number;
};
interface Parameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: Schema;
}
interface Op {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  "x-access": "read" | "write";
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema } | undefined> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema } | undefined> }>;
}
interface Doc {
  info: { title: string; description: string };
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, Schema> };
}

const refName = (ref: string) => ref.split("/").pop()!;

function typeOf(s: Schema | undefined): React.ReactNode {
  if (!s) return "any";
  if (s.$ref) {
    const name = refName(s.$ref);
    return (
      <a href={`#schema-${name}`} className="text-brand-700 underline">
        {name.replace(/Input$/, "")}
      </a>
    );
  }
  if (s.anyOf) {
    return s.anyOf.map((x, i) => (
      <span key={i}>
        {i ? " or " : null}
        {typeOf(x)}
      </span>
    ));
  }
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.type === "array") return <>list of {typeOf(s.items)}</>;
  const base = Array.isArray(s.type) ? s.type.join(" or ") : (s.type ?? "any");
  return s.format ? `${base} (${s.format})` : base;
}

function FieldsTable({ schema, caption }: { schema: Schema; caption: string }) {
  const props = Object.entries(schema.properties ?? {});
  if (props.length === 0) return null;
  return (
    <div className="overflow-x-auto" tabIndex={0}>
      <table className="w-full min-w-[32rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs text-slate-600">
          <tr>
            <th scope="col" className="py-1.5 pr-3 font-medium">Field</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">Type</th>
            <th scope="col" className="py-1.5 font-medium">About</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {props.map(([name, p]) => (
            <tr key={name} className="align-top">
              <td className="py-1.5 pr-3 font-mono text-xs text-slate-900">
                {name}
                {(schema.required ?? []).includes(name) ? <span className="ml-1 font-sans text-red-700">required</span> : null}
              </td>
              <td className="py-1.5 pr-3 text-xs text-slate-700">{typeOf(p)}</td>
              <td className="py-1.5 text-xs text-slate-700">
                {p.description}
                {p.default !== undefined ? <span className="ml-1 text-slate-600">Default {JSON.stringify(p.default)}.</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-emerald-100 text-emerald-900",
  patch: "bg-amber-100 text-amber-900",
  put: "bg-amber-100 text-amber-900",
  delete: "bg-red-100 text-red-900",
};

export default function ApiDocsPage() {
  const doc = openApiDocument() as unknown as Doc;
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const tags = [...new Set(ops.map((o) => o.op.tags[0]!))];
  const schemas = Object.entries(doc.components.schemas).filter(([name]) => name !== "Error" || true);
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-4xl space-y-10 px-4 py-8 sm:px-6">
      <header className="space-y-3">
        <p className="text-sm">
          <Link href="/" className="text-brand-700 underline">
            Help desk
          </Link>
        </p>
        <h1 className="text-2xl font-semibold text-slate-900">API documentation</h1>
        <p className="text-sm text-slate-700">The help desk&apos;s REST API, for monitoring that opens incidents, a CMDB that files changes, chat bots and reports. It applies the same rules as the pages: a token acts as its user, with the user&apos;s live permissions.</p>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>
            Base URL <code className="font-mono text-xs">/api/v1</code>; the machine-readable document is{" "}
            <a href="/api/v1/openapi.json" className="text-brand-700 underline">
              /api/v1/openapi.json
            </a>{" "}
            (OpenAPI 3.1).
          </li>
          <li>
            Tokens: <Link href="/settings/tokens" className="text-brand-700 underline">Settings → API tokens</Link>. Send <code className="font-mono text-xs">Authorization: Bearer hd_pat_…</code>; cookies are never read here.
          </li>
          <li>
            Tickets are named in paths by number (<code className="font-mono text-xs">SUP-42</code>) or id. Every ticket carries <code className="font-mono text-xs">version</code> and an{" "}
            <code className="font-mono text-xs">ETag</code>: send it back as <code className="font-mono text-xs">If-Match</code> (or <code className="font-mono text-xs">version</code>) with a change; a stale one is refused with 409 and{" "}
            <code className="font-mono text-xs">current_version</code>.
          </li>
          <li>
            Lists page with <code className="font-mono text-xs">limit</code> (at most 100) and <code className="font-mono text-xs">cursor</code>: pass the answer&apos;s <code className="font-mono text-xs">next_cursor</code>.
          </li>
          <li>
            Errors: <code className="font-mono text-xs">{"{ error: { code, message, fields? } }"}</code> with 400, 401, 403, 404, 409, 422 or 429. Anything of another organization is 404, as if it did not exist.
          </li>
        </ul>
        <nav aria-label="Operations" className="flex flex-wrap gap-2 text-sm">
          {tags.map((t) => (
            <a key={t} href={`#tag-${t}`} className="inline-flex min-h-9 items-center rounded-md px-2 text-brand-700 ring-1 ring-slate-200 hover:bg-slate-50 max-md:min-h-11">
              {t}
            </a>
          ))}
          <a href="#schemas" className="inline-flex min-h-9 items-center rounded-md px-2 text-brand-700 ring-1 ring-slate-200 hover:bg-slate-50 max-md:min-h-11">
            Schemas
          </a>
        </nav>
      </header>

      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`} className="space-y-4">
          <h2 id={`tag-${tag}`} className="text-lg font-semibold text-slate-900">
            {tag}
          </h2>
          {ops
            .filter((o) => o.op.tags[0] === tag)
            .map(({ path, method, op }) => (
              <article key={op.operationId} id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="space-y-3 rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
                <h3 id={`${op.operationId}-title`} className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
                  <span className={`rounded px-1.5 py-0.5 font-mono text-xs uppercase ${METHOD_STYLE[method] ?? "bg-slate-100 text-slate-900"}`}>{method}</span>
                  <code className="break-all font-mono text-sm">/api/v1{path}</code>
                  <span className="font-normal text-slate-700">— {op.summary}</span>
                </h3>
                {op.description ? <p className="text-sm text-slate-700">{op.description}</p> : null}
                <p className="text-xs text-slate-600">{op["x-access"] === "write" ? "Needs a Read and write token." : "Any token."}</p>
                {op.parameters?.length ? (
                  <div className="overflow-x-auto" tabIndex={0}>
                    <table className="w-full min-w-[32rem] text-left text-sm">
                      <caption className="mb-1 text-left text-xs font-medium text-slate-800">Parameters</caption>
                      <tbody className="divide-y divide-slate-100">
                        {op.parameters.map((p) => (
                          <tr key={`${p.in}-${p.name}`} className="align-top">
                            <td className="py-1.5 pr-3 font-mono text-xs text-slate-900">
                              {p.name}
                              {p.required ? <span className="ml-1 font-sans text-red-700">required</span> : null}
                            </td>
                            <td className="py-1.5 pr-3 text-xs text-slate-600">{p.in}</td>
                            <td className="py-1.5 pr-3 text-xs text-slate-700">{typeOf(p.schema)}</td>
                            <td className="py-1.5 text-xs text-slate-700">
                              {p.description}
                              {p.schema.default !== undefined ? <span className="ml-1 text-slate-600">Default {JSON.stringify(p.schema.default)}.</span> : null}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : null}
                {op.requestBody?.content["application/json"] ? (
                  <p className="text-xs text-slate-700">Body (JSON): {typeOf(op.requestBody.content["application/json"].schema)}</p>
                ) : op.requestBody?.content["multipart/form-data"] ? (
                  <p className="text-xs text-slate-700">
                    Body: multipart/form-data with one field <code className="font-mono">file</code>.
                  </p>
                ) : null}
                <ul className="space-y-0.5 text-xs text-slate-700" aria-label={`Answers of ${op.operationId}`}>
                  {Object.entries(op.responses).map(([status, r]) => (
                    <li key={status}>
                      <span className={`mr-1 font-mono font-semibold ${Number(status) < 400 ? "text-emerald-800" : "text-red-800"}`}>{status}</span>
                      {r.description}
                      {r.content?.["application/json"] && Number(status) < 400 ? <> — {typeOf(r.content["application/json"].schema)}</> : null}
                      {r.content?.["application/octet-stream"] ? <> — the file&apos;s bytes</> : null}
                    </li>
                  ))}
                </ul>
              </article>
            ))}
        </section>
      ))}

      <section aria-labelledby="schemas" className="space-y-4">
        <h2 id="schemas" className="text-lg font-semibold text-slate-900">
          Schemas
        </h2>
        {schemas.map(([name, schema]) => (
          <article key={name} id={`schema-${name}`} aria-labelledby={`schema-${name}-title`} className="space-y-2 rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
            <h3 id={`schema-${name}-title`} className="font-mono text-sm font-semibold text-slate-900">
              {name.endsWith("Input") ? `${name.replace(/Input$/, "")} (as sent)` : name}
            </h3>
            <FieldsTable schema={schema} caption={`Fields of ${name}`} />
          </article>
        ))}
      </section>
    </main>
  );
}
