import { routes } from "@/lib/api/v1/operation";
import { validateItemsOp } from "@/lib/api/v1/items";

export const { POST } = routes(validateItemsOp);
