from iwe_pack.sources.slides_schema import Deck, Slide


def test_a_decks_minutes_are_its_slides_and_the_core_leaves_out_what_may_be_skipped():
    deck = Deck(title="T", subtitle="S", slides=[Slide(title="a", notes="n", minutes=5, source="s"),
                                                 Slide(title="b", notes="n", minutes=3, source="s", skip=True),
                                                 Slide(title="c", notes="n", minutes=2, source="s")])
    assert (deck.minutes, deck.skippable, deck.core) == (10, 3, 7)
