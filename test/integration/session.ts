// The signed-in user that route handlers and server actions see in an
// integration test. Files share one module graph (isolate: false), so a
// getActor mock that closed over a file's own variable would keep answering
// for that file once another file loaded the same modules: every mock reads
// this one holder instead. In a test file:
//   vi.mock("@/lib/auth/actor", async (importOriginal) => ({
//     ...(await importOriginal<typeof import("@/lib/auth/actor")>()),
//     getActor: (await import("@/test/integration/session")).sessionActor,
//   }));
import type { Actor } from "@/lib/auth/actor";

const holder = globalThis as { __integrationSessionActor?: Actor | null };

/** Who the next request is from (null: signed out). */
export function signInAs(actor: Actor | null): void {
  holder.__integrationSessionActor = actor;
}

export const sessionActor = async (): Promise<Actor | null> => holder.__integrationSessionActor ?? null;
