export function seedDashboardStore(counts: { replies: number; evidence: number; messages: number }): Promise<void>;
