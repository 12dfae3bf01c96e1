export function SwitchUser() {
  return null
}
