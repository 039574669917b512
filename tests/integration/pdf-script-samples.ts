import type { HanPreference } from '../../src/lib/server/pdf/fonts';

/** One sample of every script a letter may be written in (issue 12), as typed. */
export interface ScriptSample {
	script: string;
	text: string;
	han?: HanPreference;
}

export const SCRIPT_SAMPLES: ScriptSample[] = [
	{ script: 'Latin', text: 'Ärzte ohne Grenzen, Œuvre de façade, Đoàn Việt Nam' },
	{ script: 'Greek', text: 'Ελληνική Ένωση για τα Δικαιώματα του Ανθρώπου' },
	{ script: 'Cyrillic', text: 'Правозащитный центр «Мемориал»' },
	{ script: 'Armenian', text: 'Հայաստանի Հելսինկյան կոմիտե' },
	{ script: 'Georgian', text: 'საქართველოს ახალგაზრდა იურისტთა ასოციაცია' },
	{ script: 'Hebrew', text: 'האגודה לזכויות האזרח בישראל' },
	{ script: 'Hebrew with points', text: 'שָׁלוֹם עֲלֵיכֶם' },
	{ script: 'Arabic', text: 'الشبكة العربية لمعلومات حقوق الإنسان' },
	{ script: 'Persian', text: 'سازمان‌های جامعه مدنی عمیقاً زیرِ فشار' },
	{ script: 'Dari', text: 'کمیسیون مستقل حقوق بشر افغانستان' },
	{ script: 'Urdu', text: 'انسانی حقوق کمیشن پاکستان' },
	{ script: 'Uyghur', text: 'ئۇيغۇر كىشىلىك ھوقۇق قۇرۇلۇشى' },
	{ script: 'Sindhi', text: 'سنڌي ٻولي ۽ ڄاڻ ٽيم' },
	{ script: 'Kurdish', text: 'ڕێکخراوی مافی مرۆڤی کوردستان' },
	{ script: 'Pashto', text: 'د بشري حقونو خپلواک کمیسیون ښځې' },
	{ script: 'Syriac', text: 'ܠܫܢܐ ܣܘܪܝܝܐ' },
	{ script: 'Thaana', text: 'ދިވެހިރާއްޖޭގެ ޖުމްހޫރިއްޔާ' },
	{ script: 'Amharic', text: 'የኢትዮጵያ ሰብአዊ መብቶች ኮሚሽን' },
	{ script: 'Tigrinya', text: 'ሰብኣዊ መሰላት ኤርትራ' },
	{ script: 'Hindi', text: 'मानवाधिकार संगठन क्षत्रिय श्री' },
	{ script: 'Nepali', text: 'नेपाल मानव अधिकार आयोग' },
	{ script: 'Bengali', text: 'বাংলাদেশ মানবাধিকার কমিশন' },
	{ script: 'Gurmukhi', text: 'ਪੰਜਾਬੀ ਮਨੁੱਖੀ ਅਧਿਕਾਰ' },
	{ script: 'Gujarati', text: 'ગુજરાત માનવ અધિકાર સંસ્થા' },
	{ script: 'Tamil', text: 'தமிழ் மனித உரிமைகள் கழகம்' },
	{ script: 'Telugu', text: 'తెలుగు మానవ హక్కుల వేదిక' },
	{ script: 'Kannada', text: 'ಕನ್ನಡ ಮಾನವ ಹಕ್ಕುಗಳ ಸಂಘ' },
	{ script: 'Malayalam', text: 'മലയാളം മനുഷ്യാവകാശ സമിതി' },
	{ script: 'Sinhala', text: 'ශ්‍රී ලංකා මානව හිමිකම් කොමිෂන් සභාව' },
	{ script: 'Thai', text: 'มูลนิธิศักยภาพชุมชน' },
	{ script: 'Lao', text: 'ສະມາຄົມສິດທິມະນຸດລາວ' },
	{ script: 'Myanmar', text: 'မြန်မာနိုင်ငံ လူ့အခွင့်အရေး ကော်မရှင်' },
	{ script: 'Khmer', text: 'សមាគមការពារសិទ្ធិមនុស្ស' },
	{ script: 'Tibetan', text: 'བོད་ཀྱི་མི་སེར་ཐོབ་ཐང་' },
	{ script: 'Han Simplified', text: '中国人权研究会', han: 'chinese' },
	{ script: 'Han Traditional', text: '台灣人權促進會', han: 'traditional' },
	{ script: 'Japanese', text: '日本弁護士連合会 アムネスティ', han: 'japanese' },
	{ script: 'Hangul', text: '참여연대 인권센터', han: 'korean' },
	{ script: 'Traditional Mongolian', text: 'ᠮᠣᠩᠭᠣᠯ ᠤᠯᠤᠰ ᠤᠨ ᠬᠦᠮᠦᠨ ᠦ ᠡᠷᠬᠡ' },
	{ script: 'Emoji', text: '🌍 ✊🏽 👩‍⚖️ 🇺🇦' }
];
