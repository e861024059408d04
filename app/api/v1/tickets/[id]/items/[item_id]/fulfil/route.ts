import { routes } from "@/lib/api/v1/operation";
import { fulfilItemOp } from "@/lib/api/v1/items";

export const { POST } = routes(fulfilItemOp);
