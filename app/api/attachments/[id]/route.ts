import { getActor } from "@/lib/auth/actor";
import { downloadResponse } from "@/lib/domain/attachments/http";

// Files are served only here: the ticket is loaded through the actor's scope
// and internal-note files are not found for those who may not see them.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return downloadResponse(await getActor(), (await params).id, request);
}
