export declare function TopBar(props: { title: string; topLevel: boolean }): JSX.Element | null
