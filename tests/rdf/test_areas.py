from fazhi.rdf.areas import default_index, parse_leading_areas


def test_longchang_chain():
    ix = default_index()
    parsed = parse_leading_areas(ix, "隆昌市")
    assert parsed.area.code == "511083"
    assert [a.code for a in ix.ancestors(parsed.area)] == ["511000", "510000"]


def test_names_with_enclosing_areas_and_short_names():
    ix = default_index()
    assert parse_leading_areas(ix, "四川省隆昌市司法局").area.code == "511083"
    assert parse_leading_areas(ix, "内江市隆昌市").area.code == "511083"
    assert parse_leading_areas(ix, "内江中院").area.code == "511000"


def test_ambiguous_names_need_context():
    ix = default_index()
    bare = parse_leading_areas(ix, "铁东区司法局")
    assert bare.area is None and bare.ambiguous == ["铁东区"]
    assert parse_leading_areas(ix, "鞍山市铁东区司法局").area.code == "210302"
    assert parse_leading_areas(ix, "铁东区司法局", [ix.get("220000")]).area.code == "220303"


def test_direct_municipality_district_parent_is_the_province():
    ix = default_index()
    assert ix.parent(ix.get("110105")).code == "110000"
