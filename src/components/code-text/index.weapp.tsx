export function CodeText() {
  return null
}
