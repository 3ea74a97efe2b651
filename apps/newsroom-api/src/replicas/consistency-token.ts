/** The header a command's answer carries, and a GET may send back: the commit's WAL position. */
export const CONSISTENCY_TOKEN = 'Consistency-Token';
