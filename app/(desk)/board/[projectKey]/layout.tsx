import { staffPageActor } from "@/lib/auth/guards";
import { boardKeyFromParam, findBoardProject } from "@/lib/domain/board/board-query";
import { foundOr404 } from "@/lib/http/found-or-404";

// Decides "this board exists for you" before anything streams: the page below
// has a loading state, and a notFound() after streaming began would answer 200.
export default async function BoardLayout({ children, params }: { children: React.ReactNode; params: Promise<{ projectKey: string }> }) {
  const actor = await staffPageActor();
  await foundOr404(findBoardProject(actor, boardKeyFromParam((await params).projectKey)));
  return children;
}
