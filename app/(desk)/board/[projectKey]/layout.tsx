import { notFound } from "next/navigation";
import { staffPageActor } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { boardKeyFromParam, findBoardProject } from "@/lib/domain/board/board-query";

// Decides "this board exists for you" before anything streams: the page below
// has a loading state, and a notFound() after streaming began would answer 200.
export default async function BoardLayout({ children, params }: { children: React.ReactNode; params: Promise<{ projectKey: string }> }) {
  const actor = await staffPageActor();
  try {
    await findBoardProject(actor, boardKeyFromParam((await params).projectKey));
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  return children;
}
