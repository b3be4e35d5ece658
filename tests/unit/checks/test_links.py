from iwe_pack.checks.links import check_links

KNOWN = {"index.md", "reference/glossary.md", "packs/index.md"}


def test_relative_links_must_reach_a_known_page(errors):
    text = "[a](../reference/glossary.md#x)\n[b](https://example.org)\n[c](../packs/)\n![img](pic.png)\n" \
           "[d](../reference/gone.md)\n"
    check_links(text, "content/guides/x.md", "guides/x.md", KNOWN, errors)
    assert [(e.code, e.line, e.found) for e in errors.errors] == [("link.broken", 5, "'../reference/gone.md'")]
