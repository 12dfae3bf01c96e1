/** Prints the page (H5), or tells the person how to keep it (WeChat). */
export declare function printPage(): void
export declare const PRINT_LABEL: string
