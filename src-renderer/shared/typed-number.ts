/**
 * A number typed into a form box: full-width digits, signs and points (and the minus sign U+2212), as typed on a
 * Japanese keyboard, are made ASCII first. null when the box is empty, NaN when it is not a number.
 */
export function parseTypedNumber(text: string): number | null {
  const ascii = text
    .normalize('NFKC')
    .replace(/\u2212/g, '-')
    .trim();
  if (ascii === '') return null;
  return Number(ascii);
}
