import "server-only";
import { z } from "zod";
import type { OperationSpec } from "./operation";
import { OPERATIONS } from "./registry";

// The OpenAPI 3.1 document of /api/v1, written from the operations' own zod
// schemas (the ones the handlers parse and answer with): never a copy kept
// by hand. Schemas with an id (.meta({ id })) become components.

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: "input" | "output"): Json {
  const json = JSON.stringify(z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }));
  return JSON.parse(json.replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
}

/**
 * Moves the `$defs` a schema carries (every schema with .meta({ id })) into
 * the document's components, so each named schema is written once. An input
 * and an output schema of the same id may differ (defaults, coercions): the
 * input's is kept under "<id>Input".
 */
function hoist(schema: Json, components: Record<string, Json>, io: "input" | "output"): Json {
  const { $defs, $schema: _s, ...rest } = schema as Json & { $defs?: Record<string, Json>; $schema?: string };
  let text = JSON.stringify(rest);
  const defs = Object.entries($defs ?? {});
  if (io === "input") for (const [id] of defs) text = text.replaceAll(`"#/components/schemas/${id}"`, `"#/components/schemas/${id}Input"`);
  for (const [id, def] of defs) {
    let body = JSON.stringify(def);
    if (io === "input") for (const [other] of defs) body = body.replaceAll(`"#/components/schemas/${other}"`, `"#/components/schemas/${other}Input"`);
    components[io === "input" ? `${id}Input` : id] ??= JSON.parse(body) as Json;
  }
  return JSON.parse(text) as Json;
}

function parametersOf(spec: OperationSpec<z.ZodType, z.ZodType, z.ZodType>, components: Record<string, Json>): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [
    ["path", spec.params],
    ["query", spec.query],
  ] as const) {
    if (!schema) continue;
    const json = hoist(schemaOf(schema, "input"), components, "input") as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = prop as Json & { description?: string };
      out.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  return out;
}

export function openApiDocument(serverUrl = "/api/v1"): Json {
  const components: Record<string, Json> = {};
  const paths: Record<string, Record<string, Json>> = {};
  for (const { spec } of OPERATIONS) {
    const responses: Record<string, Json> = {};
    for (const [status, r] of Object.entries(spec.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.headers ? { headers: Object.fromEntries(Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: "string" } }])) } : {}),
        ...(r.schema ? { content: { "application/json": { schema: hoist(schemaOf(r.schema, "output"), components, "output") } } } : {}),
        ...(spec.binary && Number(status) < 300 ? { content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } } } : {}),
      };
    }
    // Every operation may be rate limited (rate-limit.ts).
    responses["429"] ??= {
      description: "Too many requests: wait Retry-After seconds",
      headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "string" } } },
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
    const parameters = parametersOf(spec, components);
    if (spec.idempotent) parameters.push({ name: "Idempotency-Key", in: "header", required: false, description: "A retry with the same key returns the first answer and creates nothing twice", schema: { type: "string", maxLength: 200 } });
    const bodyProps = spec.body ? ((z.toJSONSchema(spec.body, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, unknown> }).properties ?? {}) : {};
    if ("version" in bodyProps) {
      parameters.push({ name: "If-Match", in: "header", required: false, description: "The ETag read (or send version in the body)", schema: { type: "string" } });
    }
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = {
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      "x-access": spec.access,
      security: [{ bearer: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(spec.upload
        ? { requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", contentMediaType: "application/octet-stream" } }, required: ["file"] } } } } }
        : {}),
      ...(spec.body ? { requestBody: { required: true, content: { "application/json": { schema: hoist(schemaOf(spec.body, "input"), components, "input") } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Help desk API",
      version: "1.0.0",
      description:
        "The help desk's REST API. Authenticate with a personal access token (Settings → API tokens): `Authorization: Bearer hd_pat_…`. A token acts as its user with the user's live permissions; a read-only token is refused every write. Errors share one shape: `{ error: { code, message, fields? } }`.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    tags: [...new Set(OPERATIONS.map((o) => o.spec.tag))].map((name) => ({ name })),
    paths,
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal access token (hd_pat_…)" } }, schemas: components },
  };
}
