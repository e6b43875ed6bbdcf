"""Article alignment: every change kind, sub-provisions, the consequential flag, carry_uids."""

from __future__ import annotations

from tests.support.trees import BASE, make_doc
from workbench.diff import Alignment, Pair, align_documents, carry_uids
from workbench.model import Annex, Document, articles, iter_nodes


def kinds(al: Alignment) -> list[str]:
    return [p.kind for p in al.articles]


def pair_for(al: Alignment, old_label: str) -> Pair:
    return next(p for p in al.articles if old_label in p.old_labels)


def test_identical_versions_pair_every_article_unchanged() -> None:
    """Two parses of the same text pair every article with its twin, all unchanged."""
    al = align_documents(make_doc(BASE, seed=1), make_doc(BASE, seed=2))
    assert kinds(al) == ["unchanged"] * len(BASE)
    assert al.method == "content"


def test_inserted_article_is_added_and_later_ones_renumbered() -> None:
    """An inserted article is added; the ones after it are renumbered and consequential."""
    new = [*BASE[:3], "各级人民政府应当支持社区养老服务设施建设，提供场地、资金等保障。", *BASE[3:]]
    al = align_documents(make_doc(BASE), make_doc(new, seed=2))
    added = [p for p in al.articles if p.kind == "added"]
    assert [p.new_labels for p in added] == [("第四条",)]
    assert al.articles[3].kind == "added"
    renumbered = pair_for(al, "第四条")
    assert (renumbered.kind, renumbered.new_labels, renumbered.consequential) == (
        "renumbered",
        ("第五条",),
        True,
    )


def test_cross_reference_rewritten_after_renumbering_is_consequential() -> None:
    """第七条 → 第八条 inside a renumbered article only follows the number mapping."""
    new = [*BASE[:2], "老年人的子女及其他负有赡养义务的人应当履行赡养义务。", *BASE[2:]]
    new[10] = new[10].replace("第七条", "第八条")
    al = align_documents(make_doc(BASE), make_doc(new, seed=2))
    ref = pair_for(al, "第十条")
    assert (ref.kind, ref.consequential, ref.new_labels) == ("modified", True, ("第十一条",))
    assert not al.changed(hide_consequential=True)[1:]


def test_cross_reference_changed_against_the_mapping_is_not_consequential() -> None:
    """A reference changed to something the mapping does not predict is a real change."""
    new = list(BASE)
    new[9] = new[9].replace("第七条", "第八条")
    al = align_documents(make_doc(BASE), make_doc(new, seed=2))
    ref = pair_for(al, "第十条")
    assert (ref.kind, ref.consequential) == ("modified", False)


def test_deleted_article_stays_where_it_stood() -> None:
    """A deleted article is listed after the pair of the article before it."""
    new = BASE[:7] + BASE[8:]
    al = align_documents(make_doc(BASE), make_doc(new, seed=2))
    assert al.articles[7].kind == "deleted"
    assert (al.articles[7].old_labels, al.articles[7].new_labels) == (("第八条",), ())


def test_modified_article_keeps_its_partner() -> None:
    """A reworded article pairs with its original and is modified, not consequential."""
    new = list(BASE)
    new[6] = (
        "新建住宅小区应当按照每百户不少于三十平方米的标准配套建设居家养老服务用房，并与住宅同步交付。"
    )
    al = align_documents(make_doc(BASE), make_doc(new, seed=2))
    pair = pair_for(al, "第七条")
    assert (pair.kind, pair.new_labels, pair.consequential) == ("modified", ("第七条",), False)
    assert 0.5 < pair.similarity < 1.0


def test_moved_article_is_detected() -> None:
    """An article taken from the end to the front is moved; the others are renumbered."""
    new = [BASE[10], *BASE[:10], BASE[11]]
    al = align_documents(make_doc(BASE), make_doc(new, seed=2))
    moved = [p for p in al.articles if p.kind == "moved"]
    assert [(p.old_labels, p.new_labels) for p in moved] == [(("第十一条",), ("第一条",))]
    assert al.summary()["renumbered"] == 10


def test_split_article_pairs_one_with_several() -> None:
    """An article cut into two articles becomes one split pair listing both new labels."""
    first, second = BASE[4].split("\n")
    new = [*BASE[:4], first, second, *BASE[5:]]
    al = align_documents(make_doc(BASE), make_doc(new, seed=2))
    split = [p for p in al.articles if p.kind == "split"]
    assert [(p.old_labels, p.new_labels) for p in split] == [(("第五条",), ("第五条", "第六条"))]
    assert len(split[0].children) == 2


def test_merged_articles_pair_several_with_one() -> None:
    """Two articles joined into one become one merged pair listing both old labels."""
    new = [*BASE[:6], BASE[6] + "\n" + BASE[7], *BASE[8:]]
    al = align_documents(make_doc(BASE), make_doc(new, seed=2))
    merged = [p for p in al.articles if p.kind == "merged"]
    assert [(p.old_labels, p.new_labels) for p in merged] == [(("第七条", "第八条"), ("第七条",))]


def test_items_inside_a_modified_article_are_aligned() -> None:
    """A new item in the middle is added; the item after it is renumbered."""
    new = list(BASE)
    new[5] = (
        "居家养老服务包括下列内容：\n（一）生活照料；\n（二）助餐服务；\n（三）医疗护理；\n（四）精神慰藉。"
    )
    al = align_documents(make_doc(BASE), make_doc(new, seed=2))
    pair = pair_for(al, "第六条")
    items = pair.children[0].children
    assert [(p.kind, p.old_labels, p.new_labels) for p in items] == [
        ("unchanged", ("（一）",), ("（一）",)),
        ("added", (), ("（二）",)),
        ("renumbered", ("（二）",), ("（三）",)),
        ("renumbered", ("（三）",), ("（四）",)),
    ]


def test_uid_alignment_when_new_descends_from_old() -> None:
    """A version sharing uids pairs by uid even when the text changed beyond recognition."""
    old = make_doc(BASE)
    first = old.children[0]
    para = first.children[0].model_copy(update={"text": "完全不同的文字。"})
    new = old.model_copy(
        update={"children": (first.model_copy(update={"children": (para,)}), *old.children[1:])}
    )
    al = align_documents(old, new)
    assert al.method == "uid"
    assert (al.articles[0].kind, al.articles[0].old_uids) == ("modified", (first.uid,))


def test_whitespace_and_punctuation_width_do_not_count_as_changes() -> None:
    """ASCII commas, U+3000 and spaces are cosmetic: the article stays unchanged."""
    new = list(BASE)
    new[1] = "本条例适用于本市行政区域内的居家养老服务及其监督管理活动。 "
    new[2] = new[2].replace("，", ",")
    al = align_documents(make_doc(BASE), make_doc(new, seed=2))
    assert kinds(al)[:3] == ["unchanged"] * 3


def _all_uids(doc: Document) -> list[str]:
    return [n.uid for n in iter_nodes(doc.children)]


def test_carry_uids_gives_the_new_version_the_old_identities() -> None:
    """carry_uids keeps paired articles', paragraphs' and chapters' uids and mints none twice."""
    old = make_doc(BASE, chapters=[("总则", 5), ("服务", 6), ("附则", 1)])
    new_texts = [*BASE[:3], "各级人民政府应当支持社区养老服务设施建设。", *BASE[3:]]
    new = make_doc(new_texts, seed=9, chapters=[("总则", 6), ("服务内容", 6), ("附则", 1)])
    carried = carry_uids(old, new)
    old_arts, new_arts = articles(old), articles(carried)
    assert new_arts[4].uid == old_arts[3].uid
    assert new_arts[4].children[0].uid == old_arts[3].children[0].uid
    assert new_arts[3].uid == articles(new)[3].uid
    assert [c.uid for c in carried.children] == [c.uid for c in old.children]
    assert len(set(_all_uids(carried))) == len(_all_uids(carried))
    assert [n.num for n in iter_nodes(carried.children)] == [
        n.num for n in iter_nodes(new.children)
    ]


def test_moving_a_paragraph_boundary_is_a_change() -> None:
    """Two paragraphs joined into one are a modification, although no character changed."""
    new = list(BASE)
    new[4] = BASE[4].replace("\n", "")
    al = align_documents(make_doc(BASE), make_doc(new, seed=2))
    pair = pair_for(al, "第五条")
    assert pair.kind == "modified"
    assert [p.kind for p in pair.children] == ["modified", "deleted"]


def test_containers_pair_by_heading_and_content() -> None:
    """A renamed chapter is modified, a shifted one renumbered, a new one added."""
    old = make_doc(BASE, chapters=[("总则", 5), ("服务内容", 6), ("附则", 1)])
    new = make_doc(
        BASE,
        seed=2,
        chapters=[("总则", 3), ("管理体制", 2), ("服务与保障", 6), ("附则", 1)],
    )
    al = align_documents(old, new)
    rows = [(p.kind, p.old_labels, p.new_labels) for p in al.containers]
    assert rows == [
        ("unchanged", ("第一章 总则",), ("第一章 总则",)),
        ("added", (), ("第二章 管理体制",)),
        ("modified", ("第二章 服务内容",), ("第三章 服务与保障",)),
        ("renumbered", ("第三章 附则",), ("第四章 附则",)),
    ]
    assert kinds(al) == ["unchanged"] * len(BASE)


def test_chapter_reference_following_the_chapter_numbers_is_consequential() -> None:
    """本条例第二章 → 第三章 after a chapter was inserted before it only follows the numbering."""
    texts = [*BASE[:11], "违反本条例第二章规定的，依照有关法律处理。"]
    old = make_doc(texts, chapters=[("总则", 5), ("服务", 6), ("附则", 1)])
    new_texts = [*texts[:11], "违反本条例第三章规定的，依照有关法律处理。"]
    new = make_doc(new_texts, seed=2, chapters=[("总则", 3), ("管理", 2), ("服务", 6), ("附则", 1)])
    pair = align_documents(old, new).articles[-1]
    assert (pair.kind, pair.consequential) == ("modified", True)


def test_carry_uids_keeps_annexes_by_heading_and_splits_on_the_closest_piece() -> None:
    """An annex with the same heading keeps its uid; a split keeps the uid on its larger piece."""
    old = make_doc(BASE).model_copy(
        update={"annexes": (Annex(uid="annexold01", heading="附件一", paragraphs=("甲",)),)}
    )
    first, second = BASE[4].split("\n")
    new = make_doc([*BASE[:4], first, second, *BASE[5:]], seed=4).model_copy(
        update={"annexes": (Annex(uid="annexnew01", heading="附件一", paragraphs=("乙",)),)}
    )
    carried = carry_uids(old, new)
    assert carried.annexes[0].uid == "annexold01"
    new_arts = articles(carried)
    assert new_arts[4].uid == articles(old)[4].uid
    assert new_arts[5].uid == articles(new)[5].uid
