package gen

// Word pools. Every firm, issuer and person the generator names is made up
// by combining these; none is meant to be a real firm or company.

var surnames = []string{
	"Abernathy", "Ainsworth", "Aldridge", "Ashcombe", "Bainbridge", "Balfour", "Barrowman", "Beaumont",
	"Belknap", "Birchall", "Blackwood", "Bramwell", "Brinkley", "Calloway", "Carrick", "Castellan",
	"Chadwick", "Chesterton", "Colquitt", "Corwin", "Cranford", "Dalrymple", "Danforth", "Delacourt",
	"Dunmore", "Eastwick", "Ellery", "Embry", "Fairbairn", "Farrington", "Fenwick", "Fitzwalter",
	"Galloway", "Garrity", "Gilchrist", "Goodwell", "Grantham", "Greaves", "Hadley", "Halloran",
	"Hargrove", "Hartigan", "Haverford", "Holloway", "Huxley", "Ingersoll", "Jessup", "Kavanagh",
	"Kendrick", "Kilbride", "Lancaster", "Larkin", "Lattimore", "Lindqvist", "Lockridge", "Loudon",
	"Macready", "Marchetti", "Merriweather", "Montague", "Moreland", "Northcott", "Oakhurst", "Ormsby",
	"Pell", "Pemberton", "Prescott", "Quimby", "Radcliffe", "Ravenel", "Redfern", "Rutledge",
	"Sandoval", "Sayre", "Selwyn", "Sherwin", "Stanhope", "Stroud", "Sutcliffe", "Talbot",
	"Tennant", "Thackeray", "Thorne", "Trowbridge", "Underhill", "Vance", "Vasquez", "Wainwright",
	"Wexler", "Whitcomb", "Whitfield", "Winslow", "Wolcott", "Yardley", "Yelverton", "Zeller",
	"Okafor", "Nakamura", "Feldstein", "Rosenthal", "Castellanos", "Petrakis", "Oyelaran", "Brandvold",
}

var firstNames = []string{
	"Alan", "Alicia", "Andrew", "Anne", "Benjamin", "Beth", "Carla", "Charles", "Christine", "Daniel",
	"Deborah", "Edward", "Elena", "Frances", "Gregory", "Hannah", "Harold", "Irene", "James", "Janet",
	"Jonathan", "Julia", "Karen", "Kenneth", "Laura", "Lawrence", "Linda", "Marcus", "Margaret", "Michael",
	"Nancy", "Nathan", "Olivia", "Patrick", "Priya", "Rachel", "Raymond", "Rebecca", "Richard", "Robert",
	"Samuel", "Sandra", "Sarah", "Stephen", "Susan", "Thomas", "Victoria", "Walter", "William", "Yuki",
}

var initials = []string{"A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "J.", "K.", "L.", "M.", "P.", "R.", "S.", "T.", "W."}

// Issuer names: a prefix, a root and an industry word give about 180,000
// combinations, enough for tens of thousands of distinct issuers at scale.
var issuerPrefixes = []string{
	"Aster", "Aurel", "Bay", "Birch", "Blue", "Bright", "Cardinal", "Cedar", "Cinder", "Clear",
	"Cobalt", "Copper", "Crest", "Crystal", "Delta", "Ember", "Evergreen", "Falcon", "Fern", "Glacier",
	"Golden", "Granite", "Harbor", "Hawk", "Helio", "Indigo", "Iron", "Juniper", "Keystone", "Lake",
	"Lumen", "Maple", "Meridian", "Mesa", "North", "Nova", "Oak", "Onyx", "Orchid", "Pacific",
	"Pine", "Prairie", "Quarry", "Raven", "Red", "River", "Sable", "Sage", "Silver", "Sky",
	"Solar", "Spruce", "Star", "Stone", "Summit", "Terra", "Tide", "Vale", "West", "Willow",
}

var issuerRoots = []string{
	"bridge", "brook", "crest", "dale", "field", "forge", "gate", "haven", "hill", "land",
	"line", "mark", "mont", "point", "port", "ridge", "rock", "run", "shore", "side",
	"spring", "stead", "ton", "vale", "view", "water", "way", "well", "wood", "worth",
	"lux", "gen", "core", "sphere", "path", "bay", "lake", "star", "peak", "light",
	"wave", "stream", "cliff", "grove", "hurst", "ford", "moor", "wick", "lynx", "tech",
	"max", "vista", "quest", "nova", "dyne", "tronics", "logic", "cast", "sys", "net",
}

var industries = []string{
	"Therapeutics", "Biosciences", "Pharmaceuticals", "Medical", "Diagnostics", "Energy", "Resources",
	"Minerals", "Oil & Gas", "Power", "Systems", "Software", "Networks", "Semiconductor", "Technologies",
	"Communications", "Media", "Entertainment", "Brands", "Foods", "Restaurants", "Apparel", "Financial",
	"Bancorp", "Capital", "Insurance Group", "Realty", "Properties", "Industries", "Materials",
	"Chemicals", "Logistics", "Aviation", "Marine", "Robotics", "Automotive", "Health", "Labs",
	"Holdings", "Group", "Solutions", "Interactive", "Retail", "Water", "Utilities", "Homes",
	"Hospitality", "Genomics", "Devices", "Instruments",
}

var usSuffixes = []string{"Inc.", ", Inc.", "Corporation", "Corp.", "Holdings, Inc.", "Co.", "Incorporated"}

type place struct {
	City, State, Abbr, Zip, Area string
}

var usPlaces = []place{
	{"New York", "New York", "NY", "10017", "212"}, {"New York", "New York", "NY", "10022", "212"},
	{"Boston", "Massachusetts", "MA", "02110", "617"}, {"Cambridge", "Massachusetts", "MA", "02142", "617"},
	{"Palo Alto", "California", "CA", "94304", "650"}, {"San Francisco", "California", "CA", "94105", "415"},
	{"Los Angeles", "California", "CA", "90071", "213"}, {"San Diego", "California", "CA", "92121", "858"},
	{"Irvine", "California", "CA", "92614", "949"}, {"Seattle", "Washington", "WA", "98101", "206"},
	{"Portland", "Oregon", "OR", "97204", "503"}, {"Denver", "Colorado", "CO", "80202", "303"},
	{"Salt Lake City", "Utah", "UT", "84111", "801"}, {"Phoenix", "Arizona", "AZ", "85004", "602"},
	{"Las Vegas", "Nevada", "NV", "89169", "702"}, {"Reno", "Nevada", "NV", "89501", "775"},
	{"Dallas", "Texas", "TX", "75201", "214"}, {"Houston", "Texas", "TX", "77002", "713"},
	{"Austin", "Texas", "TX", "78701", "512"}, {"Chicago", "Illinois", "IL", "60606", "312"},
	{"Minneapolis", "Minnesota", "MN", "55402", "612"}, {"Detroit", "Michigan", "MI", "48226", "313"},
	{"Cleveland", "Ohio", "OH", "44114", "216"}, {"Columbus", "Ohio", "OH", "43215", "614"},
	{"Pittsburgh", "Pennsylvania", "PA", "15222", "412"}, {"Philadelphia", "Pennsylvania", "PA", "19103", "215"},
	{"Baltimore", "Maryland", "MD", "21202", "410"}, {"Bethesda", "Maryland", "MD", "20814", "301"},
	{"Washington", "District of Columbia", "DC", "20004", "202"}, {"Richmond", "Virginia", "VA", "23219", "804"},
	{"Charlotte", "North Carolina", "NC", "28202", "704"}, {"Raleigh", "North Carolina", "NC", "27601", "919"},
	{"Atlanta", "Georgia", "GA", "30309", "404"}, {"Miami", "Florida", "FL", "33131", "305"},
	{"Tampa", "Florida", "FL", "33602", "813"}, {"Nashville", "Tennessee", "TN", "37219", "615"},
	{"St. Louis", "Missouri", "MO", "63101", "314"}, {"Kansas City", "Missouri", "MO", "64105", "816"},
	{"Milwaukee", "Wisconsin", "WI", "53202", "414"}, {"Honolulu", "Hawaii", "HI", "96813", "808"},
	{"Newark", "New Jersey", "NJ", "07102", "973"}, {"Princeton", "New Jersey", "NJ", "08540", "609"},
	{"Stamford", "Connecticut", "CT", "06901", "203"}, {"Wilmington", "Delaware", "DE", "19801", "302"},
	{"Omaha", "Nebraska", "NE", "68102", "402"}, {"Boise", "Idaho", "ID", "83702", "208"},
}

var streetNames = []string{
	"Market", "Main", "Congress", "Franklin", "Lexington", "Madison", "Park", "Peachtree", "Commerce",
	"Broad", "Pine", "Walnut", "Chestnut", "Elm", "Harbor", "University", "Page Mill", "Sand Hill",
	"Wacker", "LaSalle", "Seventh", "Fifth", "Lake", "Ocean", "Colorado", "Bay", "Canal", "Tremont",
}

var streetTypes = []string{"Street", "Avenue", "Boulevard", "Drive", "Road", "Plaza", "Parkway", "Way"}

// States of incorporation for domestic issuers, weighted by repetition.
var incStates = []string{
	"Delaware", "Delaware", "Delaware", "Delaware", "Delaware", "Delaware", "Delaware", "Delaware",
	"Nevada", "Nevada", "Maryland", "California", "New York", "Texas", "Florida", "Washington",
	"Colorado", "Massachusetts", "Minnesota", "Pennsylvania", "Ohio", "Georgia", "New Jersey",
	"Utah", "Virginia", "North Carolina", "Oregon", "Wisconsin", "Indiana", "Hawaii", "Michigan",
}

var stateAbbr = map[string]string{
	"Delaware": "DE", "Nevada": "NV", "Maryland": "MD", "California": "CA", "New York": "NY",
	"Texas": "TX", "Florida": "FL", "Washington": "WA", "Colorado": "CO", "Massachusetts": "MA",
	"Minnesota": "MN", "Pennsylvania": "PA", "Ohio": "OH", "Georgia": "GA", "New Jersey": "NJ",
	"Utah": "UT", "Virginia": "VA", "North Carolina": "NC", "Oregon": "OR", "Wisconsin": "WI",
	"Indiana": "IN", "Hawaii": "HI", "Michigan": "MI",
}

// corpLaw names the statute an opinion on a state's corporate law cites.
var corpLaw = map[string]string{
	"Delaware":       "the General Corporation Law of the State of Delaware",
	"Nevada":         "the Nevada Revised Statutes",
	"Maryland":       "the Maryland General Corporation Law",
	"California":     "the General Corporation Law of the State of California",
	"New York":       "the Business Corporation Law of the State of New York",
	"Texas":          "the Texas Business Organizations Code",
	"Florida":        "the Florida Business Corporation Act",
	"Washington":     "the Washington Business Corporation Act",
	"Colorado":       "the Colorado Business Corporation Act",
	"Massachusetts":  "the Massachusetts Business Corporation Act",
	"Minnesota":      "the Minnesota Business Corporation Act",
	"Pennsylvania":   "the Pennsylvania Business Corporation Law of 1988",
	"Ohio":           "the General Corporation Law of the State of Ohio",
	"Georgia":        "the Georgia Business Corporation Code",
	"New Jersey":     "the New Jersey Business Corporation Act",
	"Utah":           "the Utah Revised Business Corporation Act",
	"Virginia":       "the Virginia Stock Corporation Act",
	"North Carolina": "the North Carolina Business Corporation Act",
	"Oregon":         "the Oregon Business Corporation Act",
	"Wisconsin":      "the Wisconsin Business Corporation Law",
	"Indiana":        "the Indiana Business Corporation Law",
	"Hawaii":         "the Hawaii Business Corporation Act",
	"Michigan":       "the Michigan Business Corporation Act",
}

// A foreign jurisdiction: how its issuers are described and how its
// counsel's firms are named.
type foreign struct {
	Name       string   // label name: "Cayman Islands"
	LawPhrase  string   // "the laws of the Cayman Islands"
	Entity     string   // "an exempted company incorporated with limited liability under the laws of the Cayman Islands"
	Suffixes   []string // issuer suffixes
	FirmStyles []string // firm name patterns: %s is one or two surnames
	City       string
	Address    []string
	ShareWord  string // "ordinary shares"
	Par        string
	Country    string // for addresses
}

var foreigns = []foreign{
	{"Cayman Islands", "the laws of the Cayman Islands", "an exempted company incorporated with limited liability in the Cayman Islands",
		[]string{"Ltd.", "Holdings Limited", "Inc.", "Group Limited"}, []string{"%s Quay", "%s & Partners", "%s Ogden"},
		"George Town", []string{"Harbour Place, 103 South Church Street", "P.O. Box 1093", "Grand Cayman KY1-1102"}, "ordinary shares", "US$0.0001", "Cayman Islands"},
	{"Bermuda", "the laws of Bermuda", "an exempted company incorporated under the laws of Bermuda",
		[]string{"Ltd.", "Limited", "Holdings Ltd."}, []string{"%s & Co.", "%s Limited", "%s Advocates"},
		"Hamilton", []string{"Dorchester House, 7 Church Street", "Hamilton HM 11"}, "common shares", "$0.01", "Bermuda"},
	{"British Virgin Islands", "the laws of the British Virgin Islands", "a BVI business company incorporated under the laws of the British Virgin Islands",
		[]string{"Ltd.", "Limited", "Corp."}, []string{"%s & Partners", "%s Quay"},
		"Road Town", []string{"Ritter House, Wickhams Cay II", "Road Town, Tortola VG1110"}, "ordinary shares", "no par value", "British Virgin Islands"},
	{"Israel", "the laws of the State of Israel", "a company organized under the laws of the State of Israel",
		[]string{"Ltd."}, []string{"%s, %s & Co.", "%s & Co. Law Offices"},
		"Tel Aviv", []string{"One Azrieli Center, Round Tower", "Tel Aviv 6701101"}, "ordinary shares", "NIS 0.01", "Israel"},
	{"Netherlands", "the laws of the Netherlands", "a public company with limited liability (naamloze vennootschap) incorporated under the laws of the Netherlands",
		[]string{"N.V."}, []string{"%s N.V.", "%s Advocaten N.V."},
		"Amsterdam", []string{"Zuidplein 180", "1077 XV Amsterdam"}, "ordinary shares", "EUR 0.12", "The Netherlands"},
	{"Switzerland", "the laws of Switzerland", "a stock corporation (Aktiengesellschaft) organized under the laws of Switzerland",
		[]string{"AG", "SA"}, []string{"%s AG", "%s & Partner AG"},
		"Zurich", []string{"Prime Tower, Hardstrasse 201", "8005 Zurich"}, "registered shares", "CHF 0.08", "Switzerland"},
	{"Ireland", "the laws of Ireland", "a public limited company incorporated under the laws of Ireland",
		[]string{"plc", "Public Limited Company"}, []string{"%s %s LLP", "%s & Company"},
		"Dublin", []string{"12 Hanover Quay", "Dublin 2, D02 R296"}, "ordinary shares", "$0.0001", "Ireland"},
	{"England and Wales", "the laws of England and Wales", "a public limited company incorporated under the laws of England and Wales",
		[]string{"plc", "Holdings plc"}, []string{"%s %s LLP", "%s & Co LLP"},
		"London", []string{"45 Ludgate Hill", "London EC4M 7JU"}, "ordinary shares", "£0.01", "United Kingdom"},
	{"Luxembourg", "the laws of the Grand Duchy of Luxembourg", "a public limited liability company (société anonyme) incorporated under the laws of the Grand Duchy of Luxembourg",
		[]string{"S.A."}, []string{"%s & Associés", "%s %s S.à r.l."},
		"Luxembourg", []string{"33, avenue J.F. Kennedy", "L-1855 Luxembourg"}, "common shares", "$0.01", "Grand Duchy of Luxembourg"},
	{"Singapore", "the laws of the Republic of Singapore", "a public company limited by shares incorporated under the laws of the Republic of Singapore",
		[]string{"Ltd.", "Limited"}, []string{"%s & Tan LLP", "%s Chambers LLC"},
		"Singapore", []string{"10 Collyer Quay, #37-00 Ocean Financial Centre", "Singapore 049315"}, "ordinary shares", "no par value", "Singapore"},
	{"Jersey", "the laws of the Island of Jersey", "a public company limited by shares incorporated under the laws of Jersey",
		[]string{"Limited", "plc"}, []string{"%s Ogden", "%s Advocates"},
		"St Helier", []string{"7 Bond Street", "St Helier, Jersey JE2 3NP"}, "ordinary shares", "no par value", "Jersey"},
	{"Marshall Islands", "the laws of the Republic of the Marshall Islands", "a corporation incorporated under the laws of the Republic of the Marshall Islands",
		[]string{"Inc.", "Corp.", "Shipping Inc."}, []string{"%s & %s LLP"},
		"New York", []string{"450 Lexington Avenue", "New York, New York 10017"}, "common shares", "$0.01", "United States"},
	{"Ontario", "the laws of the Province of Ontario and the federal laws of Canada applicable therein", "a corporation existing under the laws of the Province of Ontario",
		[]string{"Inc.", "Corp.", "Ltd."}, []string{"%s %s LLP", "%s LLP"},
		"Toronto", []string{"100 King Street West, Suite 4100", "Toronto, Ontario M5X 1C9"}, "common shares", "no par value", "Canada"},
	{"British Columbia", "the laws of the Province of British Columbia and the federal laws of Canada applicable therein", "a company existing under the laws of the Province of British Columbia",
		[]string{"Inc.", "Corp.", "Ltd."}, []string{"%s %s LLP", "%s LLP"},
		"Vancouver", []string{"1055 West Georgia Street, Suite 2400", "Vancouver, British Columbia V6E 3P3"}, "common shares", "no par value", "Canada"},
}

var planTypes = []string{
	"Equity Incentive Plan", "Stock Incentive Plan", "Omnibus Incentive Plan", "Employee Stock Purchase Plan",
	"Stock Option Plan", "Long-Term Incentive Plan", "Stock Option and Incentive Plan", "Non-Employee Director Stock Plan",
	"Performance Incentive Plan", "Restricted Stock Plan", "Inducement Equity Plan", "Stock Plan",
	"Equity and Incentive Compensation Plan", "Directors' Stock Option Plan", "Employee Stock Option Plan",
	"Deferred Compensation Plan", "401(k) Savings Plan", "Stock Award Plan", "Share Incentive Plan", "Stock Bonus Plan",
}

var debtKinds = []string{"Senior Notes", "Senior Secured Notes", "Notes", "Senior Subordinated Notes", "Debentures", "Senior Debentures"}

var deptFirmSuffix = []string{"LLP", "LLP", "LLP", "L.L.P.", ", P.C.", ", Professional Corporation", ", P.A.", "PLLC", ", A Professional Corporation", "LLP"}

var filerAgents = []string{"0000950123", "0001193125", "0001104659", "0000950109", "0000912057", "0001047469", "0001213900", "0001140361", "0000950103", "0000891554", "0001558370", "0001628280"}

var titles = []string{
	"General Counsel", "Senior Vice President, General Counsel and Secretary", "Executive Vice President and General Counsel",
	"Vice President, Legal, and Corporate Secretary", "Chief Legal Officer and Corporate Secretary", "Deputy General Counsel",
	"Associate General Counsel", "Senior Counsel and Assistant Secretary",
}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
