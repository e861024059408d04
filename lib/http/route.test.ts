import { describe, expect, it, vi } from "vitest";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { errorResponse, HTTP_STATUS } from "./route";

// Issue 12: route handlers each mapped refusals to statuses their own way
// (attachments answered FORBIDDEN with 403, the ticket search with 404).
describe("errorResponse", () => {
  const cases: [AppErrorCode, number][] = [
    ["UNAUTHENTICATED", 401],
    ["FORBIDDEN", 403],
    ["NOT_FOUND", 404],
    ["CONFLICT", 409],
    ["INVALID_TRANSITION", 409],
    ["VALIDATION", 400],
  ];

  it("has a status for every code, and these are they", () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual(cases.map(([c]) => c).sort());
  });

  it.each(cases)("%s answers %i as JSON with the code and message", async (code, status) => {
    const res = errorResponse(new AppError(code, `because ${code}`), "test");
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ ok: false, code, message: `because ${code}` });
  });

  it("a validation failure leads with the first field's own sentence and keeps the fields", async () => {
    const res = errorResponse(new AppError("VALIDATION", "Please correct the highlighted fields.", { q: ["Text cannot contain a NUL character"] }), "test");
    expect(await res.json()).toEqual({ ok: false, code: "VALIDATION", message: "Text cannot contain a NUL character", fieldErrors: { q: ["Text cannot contain a NUL character"] } });
  });

  it("anything else is a 500 that tells nothing of the cause, and is logged", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = errorResponse(new Error("connection to 10.0.0.5 refused; password=hunter2"), "test");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("10.0.0.5");
    expect(text).not.toContain("hunter2");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
