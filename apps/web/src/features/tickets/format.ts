/** The human ticket number as support staff say it: `#10042`. */
export const ticketNumber = (n: number) => `#${n}`;
