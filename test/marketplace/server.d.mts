export interface ServedAnswer {
  status?: number;
  body: string | Uint8Array;
  type?: string;
}
export interface SeenRequest {
  method: string | undefined;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}
export function startMarketplace(
  port?: number,
  host?: string,
): Promise<{ url: string; close: () => Promise<void>; serve: (path: string, answer: ServedAnswer | null) => void; requests: SeenRequest[] }>;
