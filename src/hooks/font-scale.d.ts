/** How much the platform enlarges text already (WeChat's font size setting; 1 on H5). */
export function platformFontScale(): number
