/** "1 webhook", "3 webhooks": a count with its noun, for every sentence the product writes. */
export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
