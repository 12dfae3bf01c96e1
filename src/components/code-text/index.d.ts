/** H5 only (local use): the code as text under the QR, to copy into another window. Nothing on WeChat. */
export function CodeText(props: { code: string }): JSX.Element | null
