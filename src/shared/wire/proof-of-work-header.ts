/** The header a solved proof-of-work challenge is sent back in; apart from the schemas so the browser's solver chunk carries no zod. */
export const POW_HEADER = 'x-altcha';
