// Pure helpers of the page benchmark over HTTP (scripts/bench/pages.ts):
// cookies, the server action's id, what makes a page answer a failure, the
// scale ratio. Unit-tested in http.test.ts.

/** A minimal cookie jar for one host: name → value, from Set-Cookie headers. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes the cookies a response sets (an expired or emptied one is removed). */
  absorb(setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v] = a.split("=").map((s) => s.trim().toLowerCase());
        return (k === "max-age" && Number(v) <= 0) || (k === "expires" && Date.parse(v) < Date.now());
      });
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie request header. */
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** The body of next-auth's credentials sign-in (POST /api/auth/callback/credentials). */
export function credentialsForm(o: { csrfToken: string; email: string; password: string; callbackUrl: string }): string {
  return new URLSearchParams({ csrfToken: o.csrfToken, email: o.email, password: o.password, callbackUrl: o.callbackUrl, json: "true" }).toString();
}

interface ManifestEntry {
  exportedName?: string;
  filename?: string;
}

/**
 * The id of a server action in .next/server/server-reference-manifest.json
 * (`{ node: { <id>: { exportedName, filename, … } }, edge: … }`). Throws when
 * there is none or more than one with that name (a filename part tells them apart).
 */
export function actionIdFor(manifest: unknown, exportedName: string, filenamePart?: string): string {
  const node = (manifest as { node?: Record<string, ManifestEntry> } | null)?.node ?? {};
  const ids = Object.entries(node)
    .filter(([, e]) => e.exportedName === exportedName && (!filenamePart || (e.filename ?? "").includes(filenamePart)))
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`server-reference-manifest.json: ${ids.length} actions named ${exportedName}${filenamePart ? ` in ${filenamePart}` : ""}`);
  return ids[0];
}

/**
 * Why a page answer is not a rendered page (null: it is): a status other than
 * 2xx, a redirect (to /login or anywhere), or the markers Next streams into a
 * 200 when a page redirects, 404s or fails after its first bytes were sent.
 * `expect`: a text the page must contain.
 */
export function pageProblem(r: { status: number; location?: string | null; body: string }, expect?: string): string | null {
  if (r.status >= 300 && r.status < 400) return `redirected (${r.status}) to ${r.location ?? "?"}`;
  if (r.status < 200 || r.status >= 300) return `answered ${r.status}`;
  if (r.body.includes("__next-page-redirect")) return "redirected inside the page (streamed meta refresh)";
  if (r.body.includes("NEXT_HTTP_ERROR_FALLBACK")) return "rendered Next's not-found/forbidden fallback";
  if (r.body.includes('id="__next_error__"')) return "rendered Next's error page";
  if (expect && !r.body.includes(expect)) return `does not contain ${JSON.stringify(expect)}`;
  return null;
}

/** Why a server action's answer is not a success (null: it is `{ ok: true, … }`). */
export function actionProblem(r: { status: number; body: string }): string | null {
  if (r.status !== 200) return `answered ${r.status}: ${r.body.slice(0, 200)}`;
  if (!r.body.includes('"ok":true')) return `answered without "ok":true: ${r.body.slice(0, 300)}`;
  return null;
}

/** The new comment's id in addCommentAction's flight answer (`{"ok":true,"data":{"id":"…"}}`). */
export function actionDataId(body: string): string | null {
  return /"ok":true,"data":\{"id":"([0-9a-f-]{36})"/.exec(body)?.[1] ?? null;
}

/** The worst big-over-small p95 ratio of the pages (NaN when none). */
export function worstRatio(rows: readonly { bigP95: number; smallP95: number }[]): number {
  const ratios = rows.map((r) => r.bigP95 / r.smallP95).filter((x) => Number.isFinite(x));
  return ratios.length ? Math.max(...ratios) : Number.NaN;
}

/** VmRSS (or another kB field) of /proc/<pid>/status, in MB; null when absent. */
export function statusFieldMb(status: string, field = "VmRSS"): number | null {
  const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(status);
  return m ? Number(m[1]) / 1024 : null;
}
