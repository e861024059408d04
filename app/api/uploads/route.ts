import { getActor } from "@/lib/auth/actor";
import { uploadResponse } from "@/lib/domain/attachments/http";

// Outside the proxy's matcher (proxy.ts): the body streams straight to disk and
// stops at the limit. The session, scope and permission are checked here.
export async function POST(request: Request): Promise<Response> {
  return uploadResponse(await getActor(), request);
}
