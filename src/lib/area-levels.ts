/** Levels of an imported area: the import module, its command line and the admin page's form. */
export const areaLevels = ['country', 'region', 'city', 'municipality', 'district', 'neighbourhood', 'custom'] as const;
export type AreaLevel = (typeof areaLevels)[number];
