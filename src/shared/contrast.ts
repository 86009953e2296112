/**
 * WCAG 2.2 contrast ratio (success criterion 1.4.3): the relative luminance of two sRGB colours.
 * A brand colour is used as a background behind white or near-black text, whichever reads better,
 * so the colour passes when one of them reaches 4.5:1.
 */
export const WCAG_AA_TEXT_CONTRAST = 4.5;

export const BRAND_TEXT_COLOURS = ['#ffffff', '#1a1a1a'] as const;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function luminance(hex: string): number {
  const rgb = [1, 3, 5].map((at) => channel(Number.parseInt(hex.slice(at, at + 2), 16)));
  return 0.2126 * rgb[0]! + 0.7152 * rgb[1]! + 0.0722 * rgb[2]!;
}

/** The ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(first: string, second: string): number {
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The text colour that reads best on `background`, and its ratio (rounded down to two decimals, as a check must). */
export function brandTextColour(background: string): { text: (typeof BRAND_TEXT_COLOURS)[number]; ratio: number } {
  const [best] = BRAND_TEXT_COLOURS.map((text) => ({ text, ratio: Math.floor(contrastRatio(background, text) * 100) / 100 })).sort(
    (a, b) => b.ratio - a.ratio,
  );
  return best!;
}
