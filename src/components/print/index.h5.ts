export const PRINT_LABEL = '打印'
export function printPage(): void {
  window.print()
}
