/**
 * Reads a check-in code. WeChat: the system scanner (Taro.scanCode). H5: the camera where
 * the browser has one, plus a field to paste or type the code.
 */
export function Scanner(props: { onCode: (code: string) => void; busy?: boolean; placeholder?: string; submitLabel?: string }): JSX.Element
