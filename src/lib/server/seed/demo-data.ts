import type { OrganisationRole } from '../db/schema';

/** Fictional people and organisations for the development demo. */
export const DEMO_PASSWORD = 'demo-letters-2026';

export const DEMO_USERS = [
	{ id: 'demo-user-oyuna', name: 'Oyuna Dorj', email: 'oyuna@demo.undersigned.test' },
	{ id: 'demo-user-kenji', name: 'Kenji Satō', email: 'kenji@demo.undersigned.test' },
	{ id: 'demo-user-leyla', name: 'Leyla Ahmadi', email: 'leyla@demo.undersigned.test' },
	{ id: 'demo-user-erik', name: 'Erik Lindqvist', email: 'erik@demo.undersigned.test' }
] as const;

type DemoUserId = (typeof DEMO_USERS)[number]['id'];

interface DemoOrganisation {
	id: string;
	displayName: string;
	shortName: string | null;
	country: string;
	city: string;
	website: string;
	otherNames?: { language: string; name: string }[];
	members: [DemoUserId, OrganisationRole][];
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
	{ id: 'demo-org-01', displayName: 'Steppe Heritage Circle', shortName: 'SHC', country: 'US', city: 'Arlington', website: 'https://steppe-heritage.example', members: [['demo-user-oyuna', 'owner'], ['demo-user-erik', 'member']] },
	{ id: 'demo-org-02', displayName: 'Нүүдэлчдийн Холбоо', shortName: 'NKh', country: 'SE', city: 'Stockholm', website: 'https://nuudelchid.example', otherNames: [{ language: 'en', name: 'Union of Nomads' }], members: [['demo-user-erik', 'owner'], ['demo-user-oyuna', 'signatory']] },
	{ id: 'demo-org-03', displayName: 'モンゴル文化協会', shortName: 'MBK', country: 'JP', city: '東京', website: 'https://mongol-bunka.example', otherNames: [{ language: 'en', name: 'Mongolian Culture Association' }], members: [['demo-user-kenji', 'owner']] },
	{ id: 'demo-org-04', displayName: 'Hazara Peace Forum — انجمن صلح هزاره', shortName: 'HPF', country: 'US', city: 'Washington', website: 'https://hazara-peace.example', members: [['demo-user-leyla', 'owner']] },
	{ id: 'demo-org-05', displayName: 'Kalmyk Steppe Buddhist Centre', shortName: 'KSBC', country: 'US', city: 'Philadelphia', website: 'https://kalmyk-steppe.example', members: [['demo-user-oyuna', 'signatory']] },
	{ id: 'demo-org-06', displayName: 'Ойрад Ардын Зөвлөл', shortName: 'OAZ', country: 'US', city: 'Bloomington', website: 'https://oirad-council.example', members: [['demo-user-oyuna', 'owner']] },
	{ id: 'demo-org-07', displayName: 'Buryad Folk Ensemble “Altan Nuur”', shortName: null, country: 'US', city: 'Los Angeles', website: 'https://altan-nuur.example', members: [['demo-user-oyuna', 'member']] },
	{ id: 'demo-org-08', displayName: 'Southern Mongolian Rights Archive', shortName: 'SMRA', country: 'US', city: 'New York', website: 'https://smra.example', members: [['demo-user-leyla', 'signatory']] },
	{ id: 'demo-org-09', displayName: 'Inner Asia Exile Network', shortName: 'IAEN', country: 'JP', city: 'Ōsaka', website: 'https://inner-asia-exile.example', members: [['demo-user-kenji', 'signatory']] },
	{ id: 'demo-org-10', displayName: 'Tsagaan Sar Kulturverein', shortName: null, country: 'DE', city: 'Berlin', website: 'https://tsagaan-sar.example', members: [['demo-user-erik', 'signatory']] },
	{ id: 'demo-org-11', displayName: 'Alliance de la diaspora de la Sélenga', shortName: 'ADS', country: 'FR', city: 'Lyon', website: 'https://selenga.example', members: [['demo-user-erik', 'member']] },
	{ id: 'demo-org-12', displayName: 'Khöömei Arts Foundation', shortName: 'KAF', country: 'SE', city: 'Göteborg', website: 'https://khoomei-arts.example', members: [['demo-user-erik', 'owner']] },
	{ id: 'demo-org-13', displayName: 'Чингисийн Өвийн Сан', shortName: 'ChÖS', country: 'KR', city: 'Seoul', website: 'https://chinggis-uv.example', members: [['demo-user-kenji', 'member']] },
	{ id: 'demo-org-14', displayName: 'Association des Nomades d’Europe', shortName: 'ANE', country: 'BE', city: 'Bruxelles', website: 'https://nomades-europe.example', members: [['demo-user-leyla', 'member']] },
	{ id: 'demo-org-15', displayName: '全日本モンゴル留学生会', shortName: 'ZMR', country: 'JP', city: '京都', website: 'https://zen-mongol.example', members: [['demo-user-kenji', 'owner']] },
	{ id: 'demo-org-16', displayName: 'Federation of Mongol Peoples – Europe', shortName: 'FMP-E', country: 'SE', city: 'Uppsala', website: 'https://fmp-europe.example', members: [['demo-user-erik', 'owner'], ['demo-user-oyuna', 'member']] }
];
