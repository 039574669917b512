import countries from 'i18n-iso-countries';

/** Every ISO 3166-1 alpha-2 code the country picker offers. */
export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();

const displayNames = new Map<string, { display: Intl.DisplayNames; byCode: Map<string, string> }>();

/** The country's name in a language, from the runtime's own CLDR data. */
export function countryName(code: string, language = 'en'): string {
	let names = displayNames.get(language);
	if (!names) {
		const display = new Intl.DisplayNames([language, 'en'], { type: 'region', fallback: 'code' });
		names = { display, byCode: new Map() };
		displayNames.set(language, names);
	}
	let name = names.byCode.get(code);
	if (name === undefined) {
		// Looked up once per code: a 5,000-signatory letter asks 5,000 times.
		name = names.display.of(code) ?? code;
		if (names.byCode.size < 1000) names.byCode.set(code, name);
	}
	return name;
}

export function isCountryCode(code: string): boolean {
	return COUNTRY_CODES.includes(code);
}

/** Options for a <select>, sorted by name in the given language. */
export function countryOptions(language = 'en'): { code: string; name: string }[] {
	const collator = new Intl.Collator(language);
	return COUNTRY_CODES.map((code) => ({ code, name: countryName(code, language) })).sort((a, b) =>
		collator.compare(a.name, b.name)
	);
}
