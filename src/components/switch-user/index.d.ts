/** H5 only: leave the dev session to act as another demo user. Nothing on WeChat. */
export function SwitchUser(): JSX.Element | null
