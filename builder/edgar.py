"""EDGAR's vocabulary: item titles, exhibit numbers, state codes.

Shared by the parse stage (to name what it reads) and the render stage (to title indexes).
Facts from `../shared/docs/edgar.md`; nothing here reads files.
"""

from __future__ import annotations

import re

#: 8-K items before 23 August 2004.
OLD_8K_ITEMS: dict[str, str] = {
    "1": "Changes in Control of Registrant",
    "2": "Acquisition or Disposition of Assets",
    "3": "Bankruptcy or Receivership",
    "4": "Changes in Registrant's Certifying Accountant",
    "5": "Other Events",
    "6": "Resignations of Registrant's Directors",
    "7": "Financial Statements, Pro Forma Financial Information and Exhibits",
    "8": "Change in Fiscal Year",
    "9": "Regulation FD Disclosure",
    "10": "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
    "11": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "12": "Results of Operations and Financial Condition",
}

#: 8-K items from 23 August 2004.
NEW_8K_ITEMS: dict[str, str] = {
    "1.01": "Entry into a Material Definitive Agreement",
    "1.02": "Termination of a Material Definitive Agreement",
    "1.03": "Bankruptcy or Receivership",
    "1.04": "Mine Safety - Reporting of Shutdowns and Patterns of Violations",
    "1.05": "Material Cybersecurity Incidents",
    "2.01": "Completion of Acquisition or Disposition of Assets",
    "2.02": "Results of Operations and Financial Condition",
    "2.03": "Creation of a Direct Financial Obligation or an Obligation under an Off-Balance Sheet Arrangement of a Registrant",
    "2.04": "Triggering Events That Accelerate or Increase a Direct Financial Obligation or an Obligation under an Off-Balance Sheet Arrangement",
    "2.05": "Costs Associated with Exit or Disposal Activities",
    "2.06": "Material Impairments",
    "3.01": "Notice of Delisting or Failure to Satisfy a Continued Listing Rule or Standard; Transfer of Listing",
    "3.02": "Unregistered Sales of Equity Securities",
    "3.03": "Material Modification to Rights of Security Holders",
    "4.01": "Changes in Registrant's Certifying Accountant",
    "4.02": "Non-Reliance on Previously Issued Financial Statements or a Related Audit Report or Completed Interim Review",
    "5.01": "Changes in Control of Registrant",
    "5.02": "Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers; Compensatory Arrangements of Certain Officers",
    "5.03": "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year",
    "5.04": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "5.05": "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
    "5.06": "Change in Shell Company Status",
    "5.07": "Submission of Matters to a Vote of Security Holders",
    "5.08": "Shareholder Director Nominations",
    "6.01": "ABS Informational and Computational Material",
    "6.02": "Change of Servicer or Trustee",
    "6.03": "Change in Credit Enhancement or Other External Support",
    "6.04": "Failure to Make a Required Distribution",
    "6.05": "Securities Act Updating Disclosure",
    "6.06": "Static Pool",
    "7.01": "Regulation FD Disclosure",
    "8.01": "Other Events",
    "9.01": "Financial Statements and Exhibits",
}

#: 10-K items (Parts I-IV); numbers are unique across the parts.
TEN_K_ITEMS: dict[str, str] = {
    "1": "Business",
    "1A": "Risk Factors",
    "1B": "Unresolved Staff Comments",
    "1C": "Cybersecurity",
    "2": "Properties",
    "3": "Legal Proceedings",
    "4": "Mine Safety Disclosures",
    "5": "Market for Registrant's Common Equity, Related Stockholder Matters and Issuer Purchases of Equity Securities",
    "6": "[Reserved]",
    "7": "Management's Discussion and Analysis of Financial Condition and Results of Operations",
    "7A": "Quantitative and Qualitative Disclosures About Market Risk",
    "8": "Financial Statements and Supplementary Data",
    "9": "Changes in and Disagreements with Accountants on Accounting and Financial Disclosure",
    "9A": "Controls and Procedures",
    "9B": "Other Information",
    "9C": "Disclosure Regarding Foreign Jurisdictions that Prevent Inspections",
    "10": "Directors, Executive Officers and Corporate Governance",
    "11": "Executive Compensation",
    "12": "Security Ownership of Certain Beneficial Owners and Management and Related Stockholder Matters",
    "13": "Certain Relationships and Related Transactions, and Director Independence",
    "14": "Principal Accountant Fees and Services",
    "15": "Exhibits and Financial Statement Schedules",
    "16": "Form 10-K Summary",
}

#: 10-K item titles as they were before a rule change: (item, in force before) → title. The dates
#: are those from which the new title applied (compared with the period the report covers).
TEN_K_ITEMS_BEFORE: dict[tuple[str, str], str] = {
    ("4", "2010-02-28"): "Submission of Matters to a Vote of Security Holders",
    ("4", "2012-01-27"): "(Removed and Reserved)",
    ("5", "2004-03-15"): "Market for Registrant's Common Equity and Related Stockholder Matters",
    ("6", "2021-02-10"): "Selected Financial Data",
    ("10", "2006-12-15"): "Directors and Executive Officers of the Registrant",
    ("13", "2006-12-15"): "Certain Relationships and Related Transactions",
    ("14", "2003-12-15"): "Exhibits, Financial Statement Schedules, and Reports on Form 8-K",
    ("15", "2003-12-15"): "Exhibits, Financial Statement Schedules, and Reports on Form 8-K",
}

#: 10-Q items: Part I ("I-1" ... "I-4") and Part II ("II-1" ... "II-6").
TEN_Q_ITEMS: dict[str, str] = {
    "I-1": "Financial Statements",
    "I-2": "Management's Discussion and Analysis of Financial Condition and Results of Operations",
    "I-3": "Quantitative and Qualitative Disclosures About Market Risk",
    "I-4": "Controls and Procedures",
    "II-1": "Legal Proceedings",
    "II-1A": "Risk Factors",
    "II-2": "Unregistered Sales of Equity Securities and Use of Proceeds",
    "II-3": "Defaults Upon Senior Securities",
    "II-4": "Mine Safety Disclosures",
    "II-5": "Other Information",
    "II-6": "Exhibits",
}

#: 10-Q item titles before a rule change, as for `TEN_K_ITEMS_BEFORE`.
TEN_Q_ITEMS_BEFORE: dict[tuple[str, str], str] = {
    ("II-4", "2010-02-28"): "Submission of Matters to a Vote of Security Holders",
    ("II-4", "2012-01-27"): "(Removed and Reserved)",
}

#: Old 8-K item → the new item that took its place (edgar.md).
OLD_TO_NEW_8K_ITEM: dict[str, str] = {
    "1": "5.01", "2": "2.01", "3": "1.03", "4": "4.01", "5": "8.01", "6": "5.02",
    "7": "9.01", "8": "5.03", "9": "7.01", "10": "5.05", "11": "5.04", "12": "2.02",
}

#: The day the new 8-K item numbers took effect.
NEW_8K_ITEMS_FROM = "2004-08-23"

#: Exhibit types by their whole number (Regulation S-K Item 601, simplified).
EXHIBIT_KINDS: dict[str, str] = {
    "1": "Underwriting agreement",
    "2": "Plan of acquisition, reorganization, arrangement, liquidation or succession",
    "3": "Articles of incorporation and bylaws",
    "4": "Instruments defining the rights of security holders",
    "5": "Opinion regarding legality",
    "8": "Opinion regarding tax matters",
    "10": "Material contracts",
    "13": "Annual report to security holders",
    "14": "Code of ethics",
    "16": "Letter regarding change in certifying accountant",
    "21": "Subsidiaries of the registrant",
    "23": "Consents of experts and counsel",
    "24": "Power of attorney",
    "31": "Rule 13a-14(a)/15d-14(a) certifications",
    "32": "Section 1350 certifications",
    "97": "Clawback policy",
    "99": "Additional exhibits",
    "101": "Interactive data (XBRL)",
    "104": "Cover page interactive data",
    "107": "Filing fee table",
}

#: US states and territories, spelled out → 2-letter code (as EDGAR writes them).
STATE_CODES: dict[str, str] = {
    "ALABAMA": "AL", "ALASKA": "AK", "ARIZONA": "AZ", "ARKANSAS": "AR", "CALIFORNIA": "CA",
    "COLORADO": "CO", "CONNECTICUT": "CT", "DELAWARE": "DE", "DISTRICT OF COLUMBIA": "DC",
    "FLORIDA": "FL", "GEORGIA": "GA", "HAWAII": "HI", "IDAHO": "ID", "ILLINOIS": "IL",
    "INDIANA": "IN", "IOWA": "IA", "KANSAS": "KS", "KENTUCKY": "KY", "LOUISIANA": "LA",
    "MAINE": "ME", "MARYLAND": "MD", "MASSACHUSETTS": "MA", "MICHIGAN": "MI", "MINNESOTA": "MN",
    "MISSISSIPPI": "MS", "MISSOURI": "MO", "MONTANA": "MT", "NEBRASKA": "NE", "NEVADA": "NV",
    "NEW HAMPSHIRE": "NH", "NEW JERSEY": "NJ", "NEW MEXICO": "NM", "NEW YORK": "NY",
    "NORTH CAROLINA": "NC", "NORTH DAKOTA": "ND", "OHIO": "OH", "OKLAHOMA": "OK", "OREGON": "OR",
    "PENNSYLVANIA": "PA", "RHODE ISLAND": "RI", "SOUTH CAROLINA": "SC", "SOUTH DAKOTA": "SD",
    "TENNESSEE": "TN", "TEXAS": "TX", "UTAH": "UT", "VERMONT": "VT", "VIRGINIA": "VA",
    "WASHINGTON": "WA", "WEST VIRGINIA": "WV", "WISCONSIN": "WI", "WYOMING": "WY",
    "PUERTO RICO": "PR", "GUAM": "GU", "VIRGIN ISLANDS": "VI",
}

#: Provinces and countries a registrant may be incorporated in → EDGAR's code for them
#: (EDGAR state and country codes; the jurisdictions seen on cover pages).
COUNTRY_CODES: dict[str, str] = {
    "ALBERTA": "A0", "BRITISH COLUMBIA": "A1", "MANITOBA": "A2", "NEW BRUNSWICK": "A3",
    "NEWFOUNDLAND": "A4", "NOVA SCOTIA": "A5", "ONTARIO": "A6", "PRINCE EDWARD ISLAND": "A7",
    "QUEBEC": "A8", "SASKATCHEWAN": "A9", "YUKON": "B0", "CANADA": "Z4",
    "ANGUILLA": "1A", "ARGENTINA": "C1", "ARUBA": "1C", "AUSTRALIA": "C3", "AUSTRIA": "C4",
    "BAHAMAS": "C5", "BARBADOS": "C8", "BELGIUM": "C9", "BELIZE": "D1", "BERMUDA": "D0",
    "BRAZIL": "D5", "BRITISH VIRGIN ISLANDS": "D8", "VIRGIN ISLANDS BRITISH": "D8",
    "CAYMAN ISLANDS": "E9", "CHILE": "F3", "CHINA": "F4", "PEOPLES REPUBLIC OF CHINA": "F4",
    "COLOMBIA": "F8", "CYPRUS": "G4", "CZECH REPUBLIC": "2N", "DENMARK": "G7", "FINLAND": "H9",
    "FRANCE": "I0", "GERMANY": "2M", "GIBRALTAR": "J1", "GREECE": "J3", "GUERNSEY": "Y7",
    "HONG KONG": "K3", "HUNGARY": "K5", "INDIA": "K7", "INDONESIA": "K8", "IRELAND": "L2",
    "ISLE OF MAN": "Y8", "ISRAEL": "L3", "ITALY": "L6", "JAPAN": "M0", "JERSEY": "Y9",
    "KOREA": "M5", "REPUBLIC OF KOREA": "M5", "LIBERIA": "N0", "LIECHTENSTEIN": "N2",
    "LUXEMBOURG": "N4", "MALAYSIA": "N8", "MALTA": "O1", "MARSHALL ISLANDS": "1T",
    "MAURITIUS": "O4", "MEXICO": "O5", "MONACO": "O9", "NETHERLANDS": "P7",
    "THE NETHERLANDS": "P7", "NETHERLANDS ANTILLES": "P8", "NEW ZEALAND": "Q2", "NORWAY": "Q8",
    "PANAMA": "R1", "PERU": "R5", "PHILIPPINES": "R6", "POLAND": "R9", "PORTUGAL": "S1",
    "RUSSIA": "1Z", "RUSSIAN FEDERATION": "1Z", "SINGAPORE": "U0", "SOUTH AFRICA": "T3",
    "SPAIN": "U3", "SWEDEN": "V7", "SWITZERLAND": "V8", "TAIWAN": "F5", "THAILAND": "W1",
    "TURKEY": "W8", "UNITED ARAB EMIRATES": "C0", "UNITED KINGDOM": "X0", "ENGLAND": "X0",
    "ENGLAND AND WALES": "X0", "SCOTLAND": "X0", "GREAT BRITAIN": "X0", "URUGUAY": "X3",
    "VENEZUELA": "X5",
}

_EXHIBIT_TYPE = re.compile(r"^\s*EX-?\s*([0-9]+(?:\.[0-9A-Z]+)?)", re.IGNORECASE)


def exhibit_number_from_type(doc_type: str | None) -> str | None:
    """"99.1" for the document type "EX-99.1"; None for a type that is not an exhibit."""
    if not doc_type:
        return None
    m = _EXHIBIT_TYPE.match(doc_type)
    return m.group(1).upper() if m else None


def item_title(form_type: str | None, number: str, date_iso: str | None = None) -> str | None:
    """The official title of an item of a form, or None when the number is not one of its items.

    For 8-Ks, whole numbers ("12") are the old items and decimals ("2.02") the new ones;
    `date_iso` is not needed to tell them apart but kept for callers that have it.
    """
    form = (form_type or "").upper()
    if form.startswith("8-K") or not form:
        if number in NEW_8K_ITEMS:
            return NEW_8K_ITEMS[number]
        if number in OLD_8K_ITEMS:
            return OLD_8K_ITEMS[number]
        return None
    if is_annual_report(form):
        return _dated_title(TEN_K_ITEMS, TEN_K_ITEMS_BEFORE, number, date_iso)
    if is_quarterly_report(form):
        return _dated_title(TEN_Q_ITEMS, TEN_Q_ITEMS_BEFORE, number, date_iso)
    return None


def is_annual_report(form_type: str | None) -> bool:
    """True for the 10-K family whose items are those of `TEN_K_ITEMS` (10-K, 10-K405, 10-KT, /A)."""
    return bool(re.match(r"^10-K(?:405|T)?(?:/A)?$", (form_type or "").upper()))


def is_quarterly_report(form_type: str | None) -> bool:
    """True for the 10-Q family (10-Q, 10-QT, /A)."""
    return bool(re.match(r"^10-QT?(?:/A)?$", (form_type or "").upper()))


def _dated_title(current: dict[str, str], before: dict[tuple[str, str], str], number: str, date_iso: str | None) -> str | None:
    """The title of `number` in force on `date_iso` (the current one when the date is unknown)."""
    if number not in current:
        return None
    if date_iso:
        for (item, until), title in sorted(before.items(), key=lambda kv: kv[0][1]):
            if item == number and date_iso < until:
                return title
    return current[number]


def state_code(name: str | None) -> str | None:
    """"DE" for "DELAWARE" or "Delaware" or "DE"; None when it is not a US state."""
    if not name:
        return None
    key = re.sub(r"[^A-Z ]", "", name.upper()).strip()
    key = re.sub(r"\s+", " ", key)
    if key in STATE_CODES:
        return STATE_CODES[key]
    if len(key) == 2 and key in STATE_CODES.values():
        return key
    return None


_JURISDICTION_NOISE = re.compile(
    r"\b(?:THE\s+)?(?:STATE|COMMONWEALTH|PROVINCE|REPUBLIC|KINGDOM|GRAND\s+DUCHY)\s+OF\s+"
    r"|\b(?:CORPORATION|COMPANY|LIMITED\s+PARTNERSHIP|LIMITED\s+LIABILITY\s+COMPANY|"
    r"CORP|INCORPORATED|LLC)\b"
)


def jurisdiction_code(name: str | None) -> str | None:
    """EDGAR's code for a state, province or country of incorporation, or None.

    "Delaware" and "State of Delaware" give "DE"; "Bermuda" "D0"; "Ontario, Canada" "A6"
    (the province wins over the country); anything unrecognised gives None.
    """
    code = state_code(name)
    if code or not name:
        return code
    key = re.sub(r"[^A-Z ]", " ", name.upper())
    key = re.sub(r"\s+", " ", _JURISDICTION_NOISE.sub(" ", key + " ")).strip()
    if key in STATE_CODES:
        return STATE_CODES[key]
    if key in COUNTRY_CODES:
        return COUNTRY_CODES[key]
    first = re.split(r"\s*(?:,|\bAND\b)\s*", name.upper())[0]
    if first != name.upper():
        return jurisdiction_code(first)
    return None


# -- industries: Standard Industrial Classification ------------------------------------------

#: SIC code (4 digits) → industry title, as EDGAR lists them ("SIC Code List" of the SEC's
#: Division of Corporation Finance), EDGAR's own spelling and abbreviations kept.
SIC_CODES: dict[str, str] = {
    "0100": "AGRICULTURAL PRODUCTION-CROPS", "0200": "AGRICULTURAL PROD-LIVESTOCK & ANIMAL SPECIALTIES",
    "0700": "AGRICULTURAL SERVICES", "0800": "FORESTRY", "0900": "FISHING, HUNTING AND TRAPPING",
    "1000": "METAL MINING", "1040": "GOLD AND SILVER ORES", "1090": "MISCELLANEOUS METAL ORES",
    "1220": "BITUMINOUS COAL & LIGNITE MINING", "1221": "BITUMINOUS COAL & LIGNITE SURFACE MINING",
    "1311": "CRUDE PETROLEUM & NATURAL GAS", "1381": "DRILLING OIL & GAS WELLS",
    "1382": "OIL & GAS FIELD EXPLORATION SERVICES", "1389": "OIL & GAS FIELD SERVICES, NEC",
    "1400": "MINING & QUARRYING OF NONMETALLIC MINERALS (NO FUELS)",
    "1520": "GENERAL BLDG CONTRACTORS - RESIDENTIAL BLDGS", "1531": "OPERATIVE BUILDERS",
    "1540": "GENERAL BLDG CONTRACTORS - NONRESIDENTIAL BLDGS",
    "1600": "HEAVY CONSTRUCTION OTHER THAN BLDG CONST - CONTRACTORS",
    "1623": "WATER, SEWER, PIPELINE, COMM & POWER LINE CONSTRUCTION",
    "1700": "CONSTRUCTION - SPECIAL TRADE CONTRACTORS", "1731": "ELECTRICAL WORK",
    "2000": "FOOD AND KINDRED PRODUCTS", "2011": "MEAT PACKING PLANTS",
    "2013": "SAUSAGES & OTHER PREPARED MEAT PRODUCTS", "2015": "POULTRY SLAUGHTERING AND PROCESSING",
    "2020": "DAIRY PRODUCTS", "2024": "ICE CREAM & FROZEN DESSERTS",
    "2030": "CANNED, FROZEN & PRESERVD FRUIT, VEG & FOOD SPECIALTIES",
    "2033": "CANNED, FRUITS, VEG, PRESERVES, JAMS & JELLIES", "2040": "GRAIN MILL PRODUCTS",
    "2050": "BAKERY PRODUCTS", "2052": "COOKIES & CRACKERS", "2060": "SUGAR & CONFECTIONERY PRODUCTS",
    "2070": "FATS & OILS", "2080": "BEVERAGES", "2082": "MALT BEVERAGES",
    "2086": "BOTTLED & CANNED SOFT DRINKS & CARBONATED WATERS",
    "2090": "MISCELLANEOUS FOOD PREPARATIONS & KINDRED PRODUCTS",
    "2092": "PREPARED FRESH OR FROZEN FISH & SEAFOODS", "2100": "TOBACCO PRODUCTS", "2111": "CIGARETTES",
    "2200": "TEXTILE MILL PRODUCTS", "2211": "BROADWOVEN FABRIC MILLS, COTTON",
    "2221": "BROADWOVEN FABRIC MILLS, MAN MADE FIBER & SILK", "2250": "KNITTING MILLS",
    "2253": "KNIT OUTERWEAR MILLS", "2273": "CARPETS & RUGS",
    "2300": "APPAREL & OTHER FINISHD PRODS OF FABRICS & SIMILAR MATL",
    "2320": "MEN'S & BOYS' FURNISHGS, WORK CLOTHG, & ALLIED GARMENTS",
    "2330": "WOMEN'S, MISSES', AND JUNIORS OUTERWEAR",
    "2340": "WOMEN'S, MISSES', CHILDREN'S & INFANTS' UNDERGARMENTS",
    "2390": "MISCELLANEOUS FABRICATED TEXTILE PRODUCTS", "2400": "LUMBER & WOOD PRODUCTS (NO FURNITURE)",
    "2421": "SAWMILLS & PLANTING MILLS, GENERAL",
    "2430": "MILLWOOD, VENEER, PLYWOOD, & STRUCTURAL WOOD MEMBERS", "2451": "MOBILE HOMES",
    "2452": "PREFABRICATED WOOD BLDGS & COMPONENTS", "2510": "HOUSEHOLD FURNITURE",
    "2511": "WOOD HOUSEHOLD FURNITURE, (NO UPHOLSTERED)", "2520": "OFFICE FURNITURE",
    "2522": "OFFICE FURNITURE (NO WOOD)", "2531": "PUBLIC BLDG & RELATED FURNITURE",
    "2540": "PARTITIONS, SHELVG, LOCKERS, & OFFICE & STORE FIXTURES",
    "2590": "MISCELLANEOUS FURNITURE & FIXTURES", "2600": "PAPERS & ALLIED PRODUCTS", "2611": "PULP MILLS",
    "2621": "PAPER MILLS", "2631": "PAPERBOARD MILLS", "2650": "PAPERBOARD CONTAINERS & BOXES",
    "2670": "CONVERTED PAPER & PAPERBOARD PRODS (NO CONTANERS/BOXES)",
    "2673": "PLASTICS, FOIL & COATED PAPER BAGS", "2711": "NEWSPAPERS: PUBLISHING OR PUBLISHING & PRINTING",
    "2721": "PERIODICALS: PUBLISHING OR PUBLISHING & PRINTING",
    "2731": "BOOKS: PUBLISHING OR PUBLISHING & PRINTING", "2732": "BOOK PRINTING",
    "2741": "MISCELLANEOUS PUBLISHING", "2750": "COMMERCIAL PRINTING", "2761": "MANIFOLD BUSINESS FORMS",
    "2771": "GREETING CARDS", "2780": "BLANKBOOKS, LOOSELEAF BINDERS & BOOKBINDG & RELATD WORK",
    "2790": "SERVICE INDUSTRIES FOR THE PRINTING TRADE", "2800": "CHEMICALS & ALLIED PRODUCTS",
    "2810": "INDUSTRIAL INORGANIC CHEMICALS",
    "2820": "PLASTIC MATERIAL, SYNTH RESIN/RUBBER, CELLULOS (NO GLASS)",
    "2821": "PLASTIC MATERIALS, SYNTH RESINS & NONVULCAN ELASTOMERS",
    "2833": "MEDICINAL CHEMICALS & BOTANICAL PRODUCTS", "2834": "PHARMACEUTICAL PREPARATIONS",
    "2835": "IN VITRO & IN VIVO DIAGNOSTIC SUBSTANCES",
    "2836": "BIOLOGICAL PRODUCTS, (NO DISGNOSTIC SUBSTANCES)",
    "2840": "SOAP, DETERGENTS, CLEANG PREPARATIONS, PERFUMES, COSMETICS",
    "2842": "SPECIALTY CLEANING, POLISHING AND SANITATION PREPARATIONS",
    "2844": "PERFUMES, COSMETICS & OTHER TOILET PREPARATIONS",
    "2851": "PAINTS, VARNISHES, LACQUERS, ENAMELS & ALLIED PRODS", "2860": "INDUSTRIAL ORGANIC CHEMICALS",
    "2870": "AGRICULTURAL CHEMICALS", "2890": "MISCELLANEOUS CHEMICAL PRODUCTS",
    "2891": "ADHESIVES & SEALANTS", "2911": "PETROLEUM REFINING",
    "2950": "ASPHALT PAVING & ROOFING MATERIALS", "2990": "MISCELLANEOUS PRODUCTS OF PETROLEUM & COAL",
    "3011": "TIRES & INNER TUBES", "3021": "RUBBER & PLASTICS FOOTWEAR",
    "3050": "GASKETS, PACKG & SEALG DEVICES & RUBBER & PLASTICS HOSE",
    "3060": "FABRICATED RUBBER PRODUCTS, NEC", "3080": "MISCELLANEOUS PLASTICS PRODUCTS",
    "3081": "UNSUPPORTED PLASTICS FILM & SHEET", "3086": "PLASTICS FOAM PRODUCTS",
    "3089": "PLASTICS PRODUCTS, NEC", "3100": "LEATHER & LEATHER PRODUCTS", "3140": "FOOTWEAR, (NO RUBBER)",
    "3211": "FLAT GLASS", "3220": "GLASS & GLASSWARE, PRESSED OR BLOWN", "3221": "GLASS CONTAINERS",
    "3231": "GLASS PRODUCTS, MADE OF PURCHASED GLASS", "3241": "CEMENT, HYDRAULIC",
    "3250": "STRUCTURAL CLAY PRODUCTS", "3260": "POTTERY & RELATED PRODUCTS",
    "3270": "CONCRETE, GYPSUM & PLASTER PRODUCTS", "3272": "CONCRETE PRODUCTS, EXCEPT BLOCK & BRICK",
    "3281": "CUT STONE & STONE PRODUCTS", "3290": "ABRASIVE, ASBESTOS & MISC NONMETALLIC MINERAL PRODS",
    "3310": "STEEL WORKS, BLAST FURNACES & ROLLING & FINISHING MILLS",
    "3312": "STEEL WORKS, BLAST FURNACES & ROLLING MILLS (COKE OVENS)", "3317": "STEEL PIPE & TUBES",
    "3320": "IRON & STEEL FOUNDRIES", "3330": "PRIMARY SMELTING & REFINING OF NONFERROUS METALS",
    "3334": "PRIMARY PRODUCTION OF ALUMINUM", "3341": "SECONDARY SMELTING & REFINING OF NONFERROUS METALS",
    "3350": "ROLLING DRAWING & EXTRUDING OF NONFERROUS METALS",
    "3357": "DRAWING & INSULATING OF NONFERROUS WIRE", "3360": "NONFERROUS FOUNDRIES (CASTINGS)",
    "3390": "MISCELLANEOUS PRIMARY METAL PRODUCTS", "3411": "METAL CANS",
    "3412": "METAL SHIPPING BARRELS, DRUMS, KEGS & PAILS", "3420": "CUTLERY, HANDTOOLS & GENERAL HARDWARE",
    "3430": "HEATING EQUIP, EXCEPT ELEC & WARM AIR; & PLUMBING FIXTURES",
    "3433": "HEATING EQUIPMENT, EXCEPT ELECTRIC & WARM AIR FURNACES",
    "3440": "FABRICATED STRUCTURAL METAL PRODUCTS", "3442": "METAL DOORS, SASH, FRAMES, MOLDINGS & TRIM",
    "3443": "FABRICATED PLATE WORK (BOILER SHOPS)", "3444": "SHEET METAL WORK",
    "3448": "PREFABRICATED METAL BUILDINGS & COMPONENTS", "3451": "SCREW MACHINE PRODUCTS",
    "3452": "BOLTS, NUTS, SCREWS, RIVETS & WASHERS", "3460": "METAL FORGINGS & STAMPINGS",
    "3470": "COATING, ENGRAVING & ALLIED SERVICES",
    "3480": "ORDNANCE & ACCESSORIES, (NO VEHICLES/GUIDED MISSILES)",
    "3490": "MISCELLANEOUS FABRICATED METAL PRODUCTS", "3510": "ENGINES & TURBINES",
    "3523": "FARM MACHINERY & EQUIPMENT", "3524": "LAWN & GARDEN TRACTORS & HOME LAWN & GARDENS EQUIP",
    "3530": "CONSTRUCTION, MINING & MATERIALS HANDLING MACHINERY & EQUIP",
    "3531": "CONSTRUCTION MACHINERY & EQUIP",
    "3532": "MINING MACHINERY & EQUIP (NO OIL & GAS FIELD MACH & EQUIP)",
    "3533": "OIL & GAS FIELD MACHINERY & EQUIPMENT",
    "3537": "INDUSTRIAL TRUCKS, TRACTORS, TRAILORS & STACKERS", "3540": "METALWORKG MACHINERY & EQUIPMENT",
    "3541": "MACHINE TOOLS, METAL CUTTING TYPES",
    "3550": "SPECIAL INDUSTRY MACHINERY (NO METALWORKING MACHINERY)",
    "3555": "PRINTING TRADES MACHINERY & EQUIPMENT", "3559": "SPECIAL INDUSTRY MACHINERY, NEC",
    "3560": "GENERAL INDUSTRIAL MACHINERY & EQUIPMENT", "3561": "PUMPS & PUMPING EQUIPMENT",
    "3562": "BALL & ROLLER BEARINGS", "3564": "INDUSTRIAL & COMMERCIAL FANS & BLOWERS & AIR PURIFING EQUIP",
    "3567": "INDUSTRIAL PROCESS FURNACES & OVENS", "3569": "GENERAL INDUSTRIAL MACHINERY & EQUIPMENT, NEC",
    "3570": "COMPUTER & OFFICE EQUIPMENT", "3571": "ELECTRONIC COMPUTERS", "3572": "COMPUTER STORAGE DEVICES",
    "3575": "COMPUTER TERMINALS", "3576": "COMPUTER COMMUNICATIONS EQUIPMENT",
    "3577": "COMPUTER PERIPHERAL EQUIPMENT, NEC",
    "3578": "CALCULATING & ACCOUNTING MACHINES (NO ELECTRONIC COMPUTERS)", "3579": "OFFICE MACHINES, NEC",
    "3580": "REFRIGERATION & SERVICE INDUSTRY MACHINERY",
    "3585": "AIR-COND & WARM AIR HEATG EQUIP & COMM & INDL REFRIG EQUIP",
    "3590": "MISC INDUSTRIAL & COMMERCIAL MACHINERY & EQUIPMENT",
    "3600": "ELECTRONIC & OTHER ELECTRICAL EQUIPMENT (NO COMPUTER EQUIP)",
    "3612": "POWER, DISTRIBUTION & SPECIALTY TRANSFORMERS", "3613": "SWITCHGEAR & SWITCHBOARD APPARATUS",
    "3620": "ELECTRICAL INDUSTRIAL APPARATUS", "3621": "MOTORS & GENERATORS", "3630": "HOUSEHOLD APPLIANCES",
    "3634": "ELECTRIC HOUSEWARES & FANS", "3640": "ELECTRIC LIGHTING & WIRING EQUIPMENT",
    "3651": "HOUSEHOLD AUDIO & VIDEO EQUIPMENT",
    "3652": "PHONOGRAPH RECORDS & PRERECORDED AUDIO TAPES & DISKS", "3661": "TELEPHONE & TELEGRAPH APPARATUS",
    "3663": "RADIO & TV BROADCASTING & COMMUNICATIONS EQUIPMENT", "3669": "COMMUNICATIONS EQUIPMENT, NEC",
    "3670": "ELECTRONIC COMPONENTS & ACCESSORIES", "3672": "PRINTED CIRCUIT BOARDS",
    "3674": "SEMICONDUCTORS & RELATED DEVICES", "3677": "ELECTRONIC COILS, TRANSFORMERS & OTHER INDUCTORS",
    "3678": "ELECTRONIC CONNECTORS", "3679": "ELECTRONIC COMPONENTS, NEC",
    "3690": "MISCELLANEOUS ELECTRICAL MACHINERY, EQUIPMENT & SUPPLIES",
    "3695": "MAGNETIC & OPTICAL RECORDING MEDIA", "3711": "MOTOR VEHICLES & PASSENGER CAR BODIES",
    "3713": "TRUCK & BUS BODIES", "3714": "MOTOR VEHICLE PARTS & ACCESSORIES", "3715": "TRUCK TRAILERS",
    "3716": "MOTOR HOMES", "3720": "AIRCRAFT & PARTS", "3721": "AIRCRAFT",
    "3724": "AIRCRAFT ENGINES & ENGINE PARTS", "3728": "AIRCRAFT PARTS & AUXILIARY EQUIPMENT, NEC",
    "3730": "SHIP & BOAT BUILDING & REPAIRING", "3743": "RAILROAD EQUIPMENT",
    "3751": "MOTORCYCLES, BICYCLES & PARTS", "3760": "GUIDED MISSILES & SPACE VEHICLES & PARTS",
    "3790": "MISCELLANEOUS TRANSPORTATION EQUIPMENT",
    "3812": "SEARCH, DETECTION, NAVAGATION, GUIDANCE, AERONAUTICAL SYS",
    "3821": "LABORATORY APPARATUS & FURNITURE",
    "3822": "AUTO CONTROLS FOR REGULATING RESIDENTIAL & COMML ENVIRONMENTS",
    "3823": "INDUSTRIAL INSTRUMENTS FOR MEASUREMENT, DISPLAY, AND CONTROL",
    "3824": "TOTALIZING FLUID METERS & COUNTING DEVICES",
    "3825": "INSTRUMENTS FOR MEAS & TESTING OF ELECTRICITY & ELEC SIGNALS",
    "3826": "LABORATORY ANALYTICAL INSTRUMENTS", "3827": "OPTICAL INSTRUMENTS & LENSES",
    "3829": "MEASURING & CONTROLLING DEVICES, NEC", "3841": "SURGICAL & MEDICAL INSTRUMENTS & APPARATUS",
    "3842": "ORTHOPEDIC, PROSTHETIC & SURGICAL APPLIANCES & SUPPLIES", "3843": "DENTAL EQUIPMENT & SUPPLIES",
    "3844": "X-RAY APPARATUS & TUBES & RELATED IRRADIATION APPARATUS",
    "3845": "ELECTROMEDICAL & ELECTROTHERAPEUTIC APPARATUS", "3851": "OPHTHALMIC GOODS",
    "3861": "PHOTOGRAPHIC EQUIPMENT & SUPPLIES", "3873": "WATCHES, CLOCKS, CLOCKWORK OPERATED DEVICES/PARTS",
    "3910": "JEWELRY, SILVERWARE & PLATED WARE", "3911": "JEWELRY, PRECIOUS METAL",
    "3931": "MUSICAL INSTRUMENTS", "3942": "DOLLS & STUFFED TOYS",
    "3944": "GAMES, TOYS & CHILDREN'S VEHICLES (NO DOLLS & BICYCLES)",
    "3949": "SPORTING & ATHLETIC GOODS, NEC", "3950": "PENS, PENCILS & OTHER ARTISTS' MATERIALS",
    "3960": "COSTUME JEWELRY & NOVELTIES", "3990": "MISCELLANEOUS MANUFACTURING INDUSTRIES",
    "4011": "RAILROADS, LINE-HAUL OPERATING", "4013": "RAILROAD SWITCHING & TERMINAL ESTABLISHMENTS",
    "4100": "LOCAL & SUBURBAN TRANSIT & INTERURBAN HWY PASSENGER TRANS",
    "4210": "TRUCKING & COURIER SERVICES (NO AIR)", "4213": "TRUCKING (NO LOCAL)",
    "4220": "PUBLIC WAREHOUSING & STORAGE",
    "4231": "TERMINAL MAINTENANCE FACILITIES FOR MOTOR FREIGHT TRANSPORT", "4400": "WATER TRANSPORTATION",
    "4412": "DEEP SEA FOREIGN TRANSPORTATION OF FREIGHT", "4512": "AIR TRANSPORTATION, SCHEDULED",
    "4513": "AIR COURIER SERVICES", "4522": "AIR TRANSPORTATION, NONSCHEDULED",
    "4581": "AIRPORTS, FLYING FIELDS & AIRPORT TERMINAL SERVICES", "4610": "PIPE LINES (NO NATURAL GAS)",
    "4700": "TRANSPORTATION SERVICES", "4731": "ARRANGEMENT OF TRANSPORTATION OF FREIGHT & CARGO",
    "4812": "RADIOTELEPHONE COMMUNICATIONS", "4813": "TELEPHONE COMMUNICATIONS (NO RADIOTELEPHONE)",
    "4822": "TELEGRAPH & OTHER MESSAGE COMMUNICATIONS", "4832": "RADIO BROADCASTING STATIONS",
    "4833": "TELEVISION BROADCASTING STATIONS", "4841": "CABLE & OTHER PAY TELEVISION SERVICES",
    "4899": "COMMUNICATIONS SERVICES, NEC", "4900": "ELECTRIC, GAS & SANITARY SERVICES",
    "4911": "ELECTRIC SERVICES", "4922": "NATURAL GAS TRANSMISSION",
    "4923": "NATURAL GAS TRANSMISISON & DISTRIBUTION", "4924": "NATURAL GAS DISTRIBUTION",
    "4931": "ELECTRIC & OTHER SERVICES COMBINED", "4932": "GAS & OTHER SERVICES COMBINED",
    "4941": "WATER SUPPLY", "4950": "SANITARY SERVICES", "4953": "REFUSE SYSTEMS",
    "4955": "HAZARDOUS WASTE MANAGEMENT", "4961": "STEAM & AIR-CONDITIONING SUPPLY",
    "4991": "COGENERATION SERVICES & SMALL POWER PRODUCERS", "5000": "WHOLESALE-DURABLE GOODS",
    "5010": "WHOLESALE-MOTOR VEHICLES & MOTOR VEHICLE PARTS & SUPPLIES",
    "5013": "WHOLESALE-MOTOR VEHICLE SUPPLIES & NEW PARTS", "5020": "WHOLESALE-FURNITURE & HOME FURNISHINGS",
    "5030": "WHOLESALE-LUMBER & OTHER CONSTRUCTION MATERIALS",
    "5031": "WHOLESALE-LUMBER, PLYWOOD, MILLWORK & WOOD PANELS",
    "5040": "WHOLESALE-PROFESSIONAL & COMMERCIAL EQUIPMENT & SUPPLIES",
    "5045": "WHOLESALE-COMPUTERS & PERIPHERAL EQUIPMENT & SOFTWARE",
    "5047": "WHOLESALE-MEDICAL, DENTAL & HOSPITAL EQUIPMENT & SUPPLIES",
    "5050": "WHOLESALE-METALS & MINERALS (NO PETROLEUM)",
    "5051": "WHOLESALE-METALS SERVICE CENTERS & OFFICES",
    "5063": "WHOLESALE-ELECTRICAL APPARATUS & EQUIPMENT, WIRING SUPPLIES",
    "5064": "WHOLESALE-ELECTRICAL APPLIANCES, TV & RADIO SETS",
    "5065": "WHOLESALE-ELECTRONIC PARTS & EQUIPMENT, NEC",
    "5070": "WHOLESALE-HARDWARE & PLUMBING & HEATING EQUIPMENT & SUPPLIES", "5072": "WHOLESALE-HARDWARE",
    "5080": "WHOLESALE-MACHINERY, EQUIPMENT & SUPPLIES",
    "5082": "WHOLESALE-CONSTRUCTION & MINING (NO PETRO) MACHINERY & EQUIP",
    "5084": "WHOLESALE-INDUSTRIAL MACHINERY & EQUIPMENT", "5090": "WHOLESALE-MISC DURABLE GOODS",
    "5094": "WHOLESALE-JEWELRY, WATCHES, PRECIOUS STONES & METALS", "5099": "WHOLESALE-DURABLE GOODS, NEC",
    "5110": "WHOLESALE-PAPER & PAPER PRODUCTS",
    "5122": "WHOLESALE-DRUGS, PROPRIETARIES & DRUGGISTS' SUNDRIES",
    "5130": "WHOLESALE-APPAREL, PIECE GOODS & NOTIONS", "5140": "WHOLESALE-GROCERIES & RELATED PRODUCTS",
    "5141": "WHOLESALE-GROCERIES, GENERAL LINE", "5150": "WHOLESALE-FARM PRODUCT RAW MATERIALS",
    "5160": "WHOLESALE-CHEMICALS & ALLIED PRODUCTS", "5171": "WHOLESALE-PETROLEUM BULK STATIONS & TERMINALS",
    "5172": "WHOLESALE-PETROLEUM & PETROLEUM PRODUCTS (NO BULK STATIONS)",
    "5180": "WHOLESALE-BEER, WINE & DISTILLED ALCOHOLIC BEVERAGES",
    "5190": "WHOLESALE-MISCELLANEOUS NONDURABLE GOODS",
    "5200": "RETAIL-BUILDING MATERIALS, HARDWARE, GARDEN SUPPLY",
    "5211": "RETAIL-LUMBER & OTHER BUILDING MATERIALS DEALERS", "5271": "RETAIL-MOBILE HOME DEALERS",
    "5311": "RETAIL-DEPARTMENT STORES", "5331": "RETAIL-VARIETY STORES",
    "5399": "RETAIL-MISC GENERAL MERCHANDISE STORES", "5400": "RETAIL-FOOD STORES",
    "5411": "RETAIL-GROCERY STORES", "5412": "RETAIL-CONVENIENCE STORES",
    "5500": "RETAIL-AUTO DEALERS & GASOLINE STATIONS", "5531": "RETAIL-AUTO & HOME SUPPLY STORES",
    "5600": "RETAIL-APPAREL & ACCESSORY STORES", "5621": "RETAIL-WOMEN'S CLOTHING STORES",
    "5651": "RETAIL-FAMILY CLOTHING STORES", "5661": "RETAIL-SHOE STORES",
    "5700": "RETAIL-HOME FURNITURE, FURNISHINGS & EQUIPMENT STORES", "5712": "RETAIL-FURNITURE STORES",
    "5731": "RETAIL-RADIO, TV & CONSUMER ELECTRONICS STORES",
    "5734": "RETAIL-COMPUTER & COMPUTER SOFTWARE STORES", "5735": "RETAIL-RECORD & PRERECORDED TAPE STORES",
    "5810": "RETAIL-EATING & DRINKING PLACES", "5812": "RETAIL-EATING PLACES",
    "5900": "RETAIL-MISCELLANEOUS RETAIL", "5912": "RETAIL-DRUG STORES AND PROPRIETARY STORES",
    "5940": "RETAIL-MISCELLANEOUS SHOPPING GOODS STORES", "5944": "RETAIL-JEWELRY STORES",
    "5945": "RETAIL-HOBBY, TOY & GAME SHOPS", "5960": "RETAIL-NONSTORE RETAILERS",
    "5961": "RETAIL-CATALOG & MAIL-ORDER HOUSES", "5990": "RETAIL-RETAIL STORES, NEC",
    "6021": "NATIONAL COMMERCIAL BANKS", "6022": "STATE COMMERCIAL BANKS", "6029": "COMMERCIAL BANKS, NEC",
    "6035": "SAVINGS INSTITUTION, FEDERALLY CHARTERED",
    "6036": "SAVINGS INSTITUTIONS, NOT FEDERALLY CHARTERED",
    "6099": "FUNCTIONS RELATED TO DEPOSITORY BANKING, NEC",
    "6111": "FEDERAL & FEDERALLY-SPONSORED CREDIT AGENCIES", "6141": "PERSONAL CREDIT INSTITUTIONS",
    "6153": "SHORT-TERM BUSINESS CREDIT INSTITUTIONS", "6159": "MISCELLANEOUS BUSINESS CREDIT INSTITUTION",
    "6162": "MORTGAGE BANKERS & LOAN CORRESPONDENTS", "6163": "LOAN BROKERS", "6172": "FINANCE LESSORS",
    "6189": "ASSET-BACKED SECURITIES", "6199": "FINANCE SERVICES",
    "6200": "SECURITY & COMMODITY BROKERS, DEALERS, EXCHANGES & SERVICES",
    "6211": "SECURITY BROKERS, DEALERS & FLOTATION COMPANIES",
    "6221": "COMMODITY CONTRACTS BROKERS & DEALERS", "6282": "INVESTMENT ADVICE", "6311": "LIFE INSURANCE",
    "6321": "ACCIDENT & HEALTH INSURANCE", "6324": "HOSPITAL & MEDICAL SERVICE PLANS",
    "6331": "FIRE, MARINE & CASUALTY INSURANCE", "6351": "SURETY INSURANCE", "6361": "TITLE INSURANCE",
    "6399": "INSURANCE CARRIERS, NEC", "6411": "INSURANCE AGENTS, BROKERS & SERVICE", "6500": "REAL ESTATE",
    "6510": "REAL ESTATE OPERATORS (NO DEVELOPERS) & LESSORS",
    "6512": "OPERATORS OF NONRESIDENTIAL BUILDINGS", "6513": "OPERATORS OF APARTMENT BUILDINGS",
    "6519": "LESSORS OF REAL PROPERTY, NEC", "6531": "REAL ESTATE AGENTS & MANAGERS (FOR OTHERS)",
    "6532": "REAL ESTATE DEALERS (FOR THEIR OWN ACCOUNT)",
    "6552": "LAND SUBDIVIDERS & DEVELOPERS (NO CEMETERIES)", "6770": "BLANK CHECKS",
    "6792": "OIL ROYALTY TRADERS", "6794": "PATENT OWNERS & LESSORS", "6795": "MINERAL ROYALTY TRADERS",
    "6798": "REAL ESTATE INVESTMENT TRUSTS", "6799": "INVESTORS, NEC",
    "7000": "HOTELS, ROOMING HOUSES, CAMPS & OTHER LODGING PLACES", "7011": "HOTELS & MOTELS",
    "7200": "SERVICES-PERSONAL SERVICES", "7310": "SERVICES-ADVERTISING",
    "7311": "SERVICES-ADVERTISING AGENCIES",
    "7320": "SERVICES-CONSUMER CREDIT REPORTING, COLLECTION AGENCIES",
    "7330": "SERVICES-MAILING, REPRODUCTION, COMMERCIAL ART & PHOTOGRAPHY",
    "7331": "SERVICES-DIRECT MAIL ADVERTISING SERVICES", "7340": "SERVICES-TO DWELLINGS & OTHER BUILDINGS",
    "7350": "SERVICES-MISCELLANEOUS EQUIPMENT RENTAL & LEASING",
    "7359": "SERVICES-EQUIPMENT RENTAL & LEASING, NEC", "7361": "SERVICES-EMPLOYMENT AGENCIES",
    "7363": "SERVICES-HELP SUPPLY SERVICES", "7370": "SERVICES-COMPUTER PROGRAMMING, DATA PROCESSING, ETC.",
    "7371": "SERVICES-COMPUTER PROGRAMMING SERVICES", "7372": "SERVICES-PREPACKAGED SOFTWARE",
    "7373": "SERVICES-COMPUTER INTEGRATED SYSTEMS DESIGN",
    "7374": "SERVICES-COMPUTER PROCESSING & DATA PREPARATION", "7377": "SERVICES-COMPUTER RENTAL & LEASING",
    "7380": "SERVICES-MISCELLANEOUS BUSINESS SERVICES",
    "7381": "SERVICES-DETECTIVE, GUARD & ARMORED CAR SERVICES",
    "7384": "SERVICES-PHOTOFINISHING LABORATORIES", "7385": "SERVICES-TELEPHONE INTERCONNECT SYSTEMS",
    "7389": "SERVICES-BUSINESS SERVICES, NEC", "7500": "SERVICES-AUTOMOTIVE REPAIR, SERVICES & PARKING",
    "7510": "SERVICES-AUTO RENTAL & LEASING (NO DRIVERS)", "7600": "SERVICES-MISCELLANEOUS REPAIR SERVICES",
    "7812": "SERVICES-MOTION PICTURE & VIDEO TAPE PRODUCTION",
    "7819": "SERVICES-ALLIED TO MOTION PICTURE PRODUCTION",
    "7822": "SERVICES-MOTION PICTURE & VIDEO TAPE DISTRIBUTION",
    "7829": "SERVICES-ALLIED TO MOTION PICTURE DISTRIBUTION", "7830": "SERVICES-MOTION PICTURE THEATERS",
    "7841": "SERVICES-VIDEO TAPE RENTAL", "7900": "SERVICES-AMUSEMENT & RECREATION SERVICES",
    "7948": "SERVICES-RACING, INCLUDING TRACK OPERATION",
    "7990": "SERVICES-MISCELLANEOUS AMUSEMENT & RECREATION",
    "7997": "SERVICES-MEMBERSHIP SPORTS & RECREATION CLUBS", "8000": "SERVICES-HEALTH SERVICES",
    "8011": "SERVICES-OFFICES & CLINICS OF DOCTORS OF MEDICINE",
    "8050": "SERVICES-NURSING & PERSONAL CARE FACILITIES", "8051": "SERVICES-SKILLED NURSING CARE FACILITIES",
    "8060": "SERVICES-HOSPITALS", "8062": "SERVICES-GENERAL MEDICAL & SURGICAL HOSPITALS, NEC",
    "8071": "SERVICES-MEDICAL LABORATORIES", "8082": "SERVICES-HOME HEALTH CARE SERVICES",
    "8090": "SERVICES-MISC HEALTH & ALLIED SERVICES, NEC",
    "8093": "SERVICES-SPECIALTY OUTPATIENT FACILITIES, NEC", "8111": "SERVICES-LEGAL SERVICES",
    "8200": "SERVICES-EDUCATIONAL SERVICES", "8300": "SERVICES-SOCIAL SERVICES",
    "8351": "SERVICES-CHILD DAY CARE SERVICES", "8600": "SERVICES-MEMBERSHIP ORGANIZATIONS",
    "8700": "SERVICES-ENGINEERING, ACCOUNTING, RESEARCH, MANAGEMENT", "8711": "SERVICES-ENGINEERING SERVICES",
    "8731": "SERVICES-COMMERCIAL PHYSICAL & BIOLOGICAL RESEARCH", "8734": "SERVICES-TESTING LABORATORIES",
    "8741": "SERVICES-MANAGEMENT SERVICES", "8742": "SERVICES-MANAGEMENT CONSULTING SERVICES",
    "8744": "SERVICES-FACILITIES SUPPORT MANAGEMENT SERVICES", "8880": "AMERICAN DEPOSITARY RECEIPTS",
    "8888": "FOREIGN GOVERNMENTS", "8900": "SERVICES-SERVICES, NEC", "9721": "INTERNATIONAL AFFAIRS",
    "9995": "NON-OPERATING ESTABLISHMENTS",
}

#: SIC divisions: (first major group, last major group, letter, title).
SIC_DIVISIONS: list[tuple[int, int, str, str]] = [
    (1, 9, "A", "Agriculture, Forestry and Fishing"),
    (10, 14, "B", "Mining"),
    (15, 17, "C", "Construction"),
    (20, 39, "D", "Manufacturing"),
    (40, 49, "E", "Transportation, Communications, Electric, Gas and Sanitary Services"),
    (50, 51, "F", "Wholesale Trade"),
    (52, 59, "G", "Retail Trade"),
    (60, 67, "H", "Finance, Insurance and Real Estate"),
    (70, 89, "I", "Services"),
    (91, 99, "J", "Public Administration"),
]


def sic_code(value: str | None) -> str | None:
    """A SIC code as 4 digits ("100" → "0100"), or None when the value is not one."""
    text = (value or "").strip()
    if not text.isdigit() or not 1 <= len(text) <= 4 or int(text) == 0:
        return None
    return f"{int(text):04d}"


def sic_title(value: str | None) -> str | None:
    """EDGAR's title of a SIC code ("7372" → "SERVICES-PREPACKAGED SOFTWARE"); for a code EDGAR
    does not list, the title of its industry group ("7375" → the one of "7370") or major group."""
    code = sic_code(value)
    if code is None:
        return None
    for candidate in (code, code[:3] + "0", code[:2] + "00"):
        if candidate in SIC_CODES:
            return SIC_CODES[candidate]
    return None


def sic_division(value: str | None) -> tuple[str, str] | None:
    """(letter, title) of the SIC division a code belongs to: "7372" → ("I", "Services")."""
    code = sic_code(value)
    if code is None:
        return None
    group = int(code[:2])
    for first, last, letter, title in SIC_DIVISIONS:
        if first <= group <= last:
            return letter, title
    return None


# -- forms -----------------------------------------------------------------------------------

#: What the common form types are (EDGAR's form descriptions, shortened); "/A" is an amendment.
FORM_TITLES: dict[str, str] = {
    "8-K": "Current report",
    "8-K12B": "Current report (registration of securities of a successor issuer)",
    "10-K": "Annual report",
    "10-K405": "Annual report (Item 405 box checked)",
    "10-KT": "Annual report (transition period)",
    "10-Q": "Quarterly report",
    "10-D": "Asset-backed issuer distribution report",
    "20-F": "Annual report of a foreign private issuer",
    "6-K": "Report of a foreign private issuer",
    "3": "Initial statement of beneficial ownership",
    "4": "Statement of changes in beneficial ownership",
    "5": "Annual statement of changes in beneficial ownership",
    "SC 13D": "Beneficial ownership report (active)",
    "SC 13G": "Beneficial ownership report (passive)",
    "SC TO-T": "Tender offer statement by a third party",
    "SC TO-I": "Issuer tender offer statement",
    "13F-HR": "Institutional investment manager holdings report",
    "S-1": "Registration statement",
    "S-3": "Registration statement (short form)",
    "S-4": "Registration statement (business combinations)",
    "S-8": "Registration statement (employee benefit plans)",
    "POS AM": "Post-effective amendment to a registration statement",
    "424B2": "Prospectus", "424B3": "Prospectus", "424B4": "Prospectus", "424B5": "Prospectus",
    "DEF 14A": "Definitive proxy statement",
    "DEFA14A": "Additional proxy soliciting materials",
    "D": "Notice of exempt offering of securities",
    "N-CEN": "Annual report of a registered investment company",
    "485APOS": "Post-effective amendment (investment company)",
    "497K": "Summary prospectus (investment company)",
    "CORRESP": "Correspondence from the filer to the SEC staff",
    "UPLOAD": "Letter from the SEC staff to the filer",
    "IRANNOTICE": "Notice of disclosure of Iran-related activities",
}


def form_title(form_type: str | None) -> str | None:
    """What a form type is: "Current report" for "8-K", "Current report (amendment)" for "8-K/A"."""
    form = (form_type or "").strip().upper()
    if form in FORM_TITLES:
        return FORM_TITLES[form]
    if form.endswith("/A") and form[:-2] in FORM_TITLES:
        return f"{FORM_TITLES[form[:-2]]} (amendment)"
    return None


def amended_form(form_type: str | None) -> str | None:
    """The form an amendment amends: "8-K" for "8-K/A"; None for a form that is not an amendment."""
    form = (form_type or "").strip().upper()
    return form[:-2] if form.endswith("/A") and len(form) > 2 else None


# -- 8-K items across the 2004 renumbering ---------------------------------------------------

def current_8k_item(number: str | None) -> str | None:
    """The item number in today's numbering: "12" → "2.02", "2.02" → "2.02"; None if unknown."""
    if number in NEW_8K_ITEMS:
        return number
    return OLD_TO_NEW_8K_ITEM.get(number or "")


#: New 8-K item → the old items it took the place of ("2.02" → ["12"]).
NEW_TO_OLD_8K_ITEMS: dict[str, list[str]] = {
    new: [old for old, to in OLD_TO_NEW_8K_ITEM.items() if to == new] for new in OLD_TO_NEW_8K_ITEM.values()
}


# -- jurisdictions by code -------------------------------------------------------------------

def _names_by_code() -> dict[str, str]:
    names: dict[str, str] = {}
    for name, code in (*STATE_CODES.items(), *COUNTRY_CODES.items()):
        names.setdefault(code, name.title().replace(" Of ", " of ").replace(" And ", " and "))
    names["X1"] = "United States"
    return names


#: EDGAR state or country code → its name, in words ("DE" → "Delaware", "D0" → "Bermuda").
JURISDICTION_NAMES: dict[str, str] = _names_by_code()


def jurisdiction_name(code: str | None) -> str | None:
    """"Delaware" for "DE", "Cayman Islands" for "E9"; None for a code EDGAR does not use."""
    return JURISDICTION_NAMES.get((code or "").strip().upper())
