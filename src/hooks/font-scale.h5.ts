/** In a browser the page zoom already scales everything; nothing to add. */
export function platformFontScale(): number {
  return 1
}
